/** Modeler writes some numeric settings as text tokens (`tolerance: "1.0E-8"`); the trainers take numbers. */
import type { PropertyType } from "../../properties.js";
import { json } from "../../properties.js";

export const numberOrText = (): PropertyType => json({ type: ["number", "string"] }, "a number (or its text, e.g. \"1.0E-8\")");

/** Turns the named options given as text into numbers; text that is not a number stays, for the trainer to refuse. */
export function numbersFromText(options: Record<string, unknown>, names: readonly string[]): void {
  for (const name of names) {
    const v = options[name];
    if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) options[name] = Number(v);
  }
}
