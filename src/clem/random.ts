/**
 * A small seedable generator for CLEM's random functions, so that a run can be repeated and
 * tests can expect exact draws. sfc32 (Chris Doty-Humphrey's "small fast counting" generator)
 * passes PractRand and BigCrush; two 32-bit outputs make one double with 53 random bits.
 */

/** splitmix32-style mixing of a seed into well-spread state words. */
function mix(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Uniform numbers in [0, 1) from a seed; equal seeds give equal sequences. */
export function seededRandom(seed: number | string = 0x5eed): () => number {
  const numeric = typeof seed === "string" ? hashString(seed) : Math.floor(seed);
  const next = mix(numeric);
  let a = next();
  let b = next();
  let c = next();
  let d = next();
  const u32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) u32();
  return () => ((u32() >>> 5) * 67108864 + (u32() >>> 6)) / 9007199254740992;
}

/** FNV-1a, to seed from text (the default seed of an expression is its own text). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
