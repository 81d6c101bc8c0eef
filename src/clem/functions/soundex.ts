/**
 * SoundEx (CLEM.md §4.12): the American SoundEx code, a letter and three digits. Letters map to
 * digit groups (BFPV 1, CGJKQSXZ 2, DT 3, L 4, MN 5, R 6); vowels and Y separate equal codes,
 * H and W do not; the first letter keeps its own place and a following letter with the same
 * code is dropped; the code is cut or padded with 0 to four characters. Characters other than
 * A–Z are ignored; a string without any gives `$null$`.
 */
import { strict } from "../bound.js";
import { family, sig } from "./registry.js";

const CODES: Record<string, string> = {
  B: "1", F: "1", P: "1", V: "1",
  C: "2", G: "2", J: "2", K: "2", Q: "2", S: "2", X: "2", Z: "2",
  D: "3", T: "3", L: "4", M: "5", N: "5", R: "6",
};

export function soundex(text: string): string | null {
  const letters = text.toUpperCase().replace(/[^A-Z]/g, "");
  if (letters.length === 0) return null;
  let code = letters[0]!;
  let previous = CODES[code] ?? "";
  for (let i = 1; i < letters.length && code.length < 4; i++) {
    const c = letters[i]!;
    const digit = CODES[c];
    if (digit === undefined) {
      // Vowels (and Y) separate letters of equal code; H and W are transparent.
      if (c !== "H" && c !== "W") previous = "";
      continue;
    }
    if (digit !== previous) code += digit;
    previous = digit;
  }
  return code.padEnd(4, "0");
}

/** How many of the four characters of the two codes agree, position by position (0–4). */
export function soundexDifference(a: string, b: string): number | null {
  const x = soundex(a);
  const y = soundex(b);
  if (x === null || y === null) return null;
  let same = 0;
  for (let i = 0; i < 4; i++) if (x[i] === y[i]) same++;
  return same;
}

export const SOUNDEX_FUNCTIONS = family("soundex", {
  soundex: sig(["string"], "string", strict(soundex)),
  soundex_difference: sig(["string", "string"], "integer", strict(soundexDifference)),
});
