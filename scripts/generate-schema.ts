/**
 * Writes the shipped JSON Schemas: `schema/stream.schema.json` (the open stream format, from
 * the node definitions of the built-in registry) and `schema/job.schema.json` (job
 * definitions). Tests fail when a committed file is stale.
 *
 *   npx tsx scripts/generate-schema.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { streamJsonSchemaText } from "../src/nodes/stream-schema.js";
import { JOB_DEFINITION_SCHEMA } from "../src/jobs/definition/schema.js";

const root = join(fileURLToPath(import.meta.url), "..", "..");
mkdirSync(join(root, "schema"), { recursive: true });
writeFileSync(join(root, "schema", "stream.schema.json"), streamJsonSchemaText());
writeFileSync(join(root, "schema", "job.schema.json"), JSON.stringify(JOB_DEFINITION_SCHEMA, null, 2) + "\n");
console.log("wrote schema/stream.schema.json and schema/job.schema.json");
