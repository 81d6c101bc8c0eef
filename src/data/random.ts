/**
 * Seeded pseudo-random numbers. Every random choice the engine makes (Partition, Sample,
 * Balance, CLEM `random`, model initialisation) draws from one of these, so a run with the
 * same seed gives the same records.
 *
 * The generator is xoshiro128** (32-bit state words, fast in JS, passes BigCrush), seeded
 * through splitmix32 so that nearby seeds give unrelated sequences.
 */

export type RandomSource = () => number;

export function seededRandom(seed: number | string): RandomSource {
  let s = typeof seed === "number" ? seed >>> 0 : hashString(seed);
  const next = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = next(), b = next(), c = next(), d = next();
  if ((a | b | c | d) === 0) a = 1;
  return () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result / 4294967296;
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** FNV-1a, to turn text seeds (node ids) into numbers. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A derived seed: the same (seed, label) always gives the same child seed. */
export function childSeed(seed: number, label: string): number {
  return (hashString(label) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0;
}
