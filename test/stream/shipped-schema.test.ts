import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { streamJsonSchemaText } from "../../src/nodes/stream-schema.js";

const root = join(import.meta.dirname, "..", "..");
const shipped = readFileSync(join(root, "schema", "stream.schema.json"), "utf8");

describe("shipped JSON Schema", () => {
  it("is up to date with the node definitions (run: npx tsx scripts/generate-schema.ts)", () => {
    expect(shipped).toBe(streamJsonSchemaText());
  });

  it("accepts every stream the project ships in fixtures/streams", () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(shipped));
    const dir = join(root, "fixtures", "streams");
    const files = readdirSync(dir).filter((f) => f.endsWith(".stream.json"));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const ok = validate(JSON.parse(readFileSync(join(dir, f), "utf8")));
      expect({ file: f, errors: ok ? null : validate.errors }).toEqual({ file: f, errors: null });
    }
  });
});
