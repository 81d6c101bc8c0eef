/**
 * Prints the PMML conformance table: `npx tsx scripts/pmml-conformance.ts [case-name …]`.
 * Exits with status 1 when a case fails (known, verified deviations and disputes do not count).
 */
import { fixturesAvailable, formatReport, FIXTURES_DIR, listCases, runCase } from "../test/pmml/conformance/runner.js";

if (!fixturesAvailable()) {
  console.error(`PMML fixtures not found at ${FIXTURES_DIR}`);
  process.exit(2);
}
const wanted = process.argv.slice(2);
const cases = wanted.length > 0 ? wanted : listCases();
const started = performance.now();
const results = cases.map((c) => runCase(c));
console.log(formatReport(results));
console.log(`\n${results.length} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exit(results.some((r) => r.status === "failed") ? 1 : 0);
