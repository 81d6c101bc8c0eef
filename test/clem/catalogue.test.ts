/**
 * Completeness: every function named in the catalogue of CLEM.md (§4) is implemented, or —
 * geospatial functions and multiple-response sets only — refused with a clear type error.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { AT_FUNCTION_NAMES } from "../../src/clem/at-functions.js";
import { FUNCTIONS, SPATIAL_FUNCTION_NAMES } from "../../src/clem/functions/index.js";
import { ClemTypeError, checkClem } from "../../src/clem/index.js";
import { schemaOf } from "./helpers.js";

const CLEM_MD = fileURLToPath(new URL("../../../shared/docs/reference/CLEM.md", import.meta.url));

function catalogueNames(): Set<string> {
  const text = readFileSync(CLEM_MD, "utf8");
  const catalogue = text.slice(text.indexOf("## 4. Function catalogue"), text.indexOf("# Part 2"));
  const names = new Set<string>();
  for (const line of catalogue.split("\n").filter((l) => l.startsWith("|"))) {
    // Signatures are in the first column; the others hold prose ("bitcount(INT) = ...").
    const cell = line.split("|")[1] ?? "";
    for (const m of cell.matchAll(/`(@?[A-Za-z_][A-Za-z0-9_]*)\s*\(/g)) names.add(m[1]!);
    for (const m of cell.matchAll(/`(@[A-Z_]+)`/g)) names.add(m[1]!);
  }
  return names;
}

describe.skipIf(!existsSync(CLEM_MD))("the CLEM.md function catalogue", () => {
  it("names over a hundred functions", () => {
    expect(catalogueNames().size).toBeGreaterThan(100);
  });

  it("is implemented, except geospatial functions and multiple-response sets", () => {
    const missing = [...catalogueNames()].filter((n) =>
      !FUNCTIONS.has(n) && !AT_FUNCTION_NAMES.includes(n) && !SPATIAL_FUNCTION_NAMES.has(n));
    expect(missing).toEqual([]);
  });

  it("refuses each geospatial function by name, saying why", () => {
    const schema = schemaOf({ a: "string", b: "string" });
    for (const name of SPATIAL_FUNCTION_NAMES) {
      expect(() => checkClem(`${name}(a, b)`, { schema }), name).toThrow(ClemTypeError);
      expect(() => checkClem(`${name}(a, b)`, { schema }), name).toThrow(/geospatial storage is not supported/);
    }
  });
});
