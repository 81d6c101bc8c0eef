/**
 * Job definitions as the service shows them: every database password replaced by
 * `"******"` (also inside an `options` string), nothing else changed. Works on any object
 * shaped like a job definition, valid or not, and never changes its argument.
 */
import { REDACTED, redactSecrets } from "../../db/errors.js";

export function redactJob<T>(definition: T): T {
  if (typeof definition !== "object" || definition === null) return definition;
  const copy = structuredClone(definition) as T & { dbDefinitions?: unknown };
  const defs = copy.dbDefinitions;
  if (typeof defs === "object" && defs !== null) {
    for (const entry of Object.values(defs as Record<string, unknown>)) {
      if (typeof entry !== "object" || entry === null) continue;
      const d = entry as { password?: unknown; options?: unknown };
      const secrets = typeof d.password === "string" ? [d.password] : [];
      if (d.password !== undefined) d.password = REDACTED;
      if (typeof d.options === "string") d.options = redactSecrets(d.options, secrets);
    }
  }
  return copy;
}
