/**
 * Equality of property values for change detection: deep, key order ignored, and an absent
 * value equal to an empty object (a keyed property with no entries says nothing either way).
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (isEmptyish(a) && isEmptyish(b)) return true;
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameJson(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!sameJson(ao[k], bo[k])) return false;
  return true;
}

function isEmptyish(v: unknown): boolean {
  return v === undefined || (typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
}

/** Property names whose values differ between two property objects. */
export function changedKeys(now: Readonly<Record<string, unknown>>, before: Readonly<Record<string, unknown>>): string[] {
  return [...new Set([...Object.keys(now), ...Object.keys(before)])].filter((k) => !sameJson(now[k], before[k]));
}
