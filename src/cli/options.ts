/** Parsing helpers shared by the commands. */
import { UsageError } from "../errors.js";

/** Commander collector for repeatable options. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `name=value` pairs (`--param`). */
export function parseAssignments(items: readonly string[], option: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new UsageError(`${option} takes name=value (got "${item}")`, { option, value: item });
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

export function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 32 - 1) throw new UsageError(`--seed takes a whole number from 0 to 4294967295 (got "${text}")`);
  return n;
}
