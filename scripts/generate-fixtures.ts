/**
 * Regenerates the project's own data fixtures (seeded, so the output never changes):
 *
 *   npx tsx scripts/generate-fixtures.ts
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateDrug } from "../bench/generate-drug.js";

const root = join(fileURLToPath(import.meta.url), "..", "..");
await generateDrug(500, join(root, "fixtures", "data", "drug-sample.csv"), 2026);
console.log("wrote fixtures/data/drug-sample.csv");
