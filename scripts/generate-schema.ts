/**
 * Writes `schema/stream.schema.json`, the JSON Schema of the open stream format, from the
 * node definitions of the built-in registry. A test fails when the committed file is stale.
 *
 *   npx tsx scripts/generate-schema.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { streamJsonSchemaText } from "../src/nodes/stream-schema.js";

const root = join(fileURLToPath(import.meta.url), "..", "..");
mkdirSync(join(root, "schema"), { recursive: true });
writeFileSync(join(root, "schema", "stream.schema.json"), streamJsonSchemaText());
console.log("wrote schema/stream.schema.json");
