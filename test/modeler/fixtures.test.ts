/**
 * The project's own .str fixtures (fixtures/str/, written by scripts/generate-str-fixtures.ts):
 * they are exactly what the seeded generator writes, the Java Fast Infoset reference
 * (`FI_SAX_XML`) decodes their main member to the document we encoded, and they load and run.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { strFixtureFiles, strFixtureStreams } from "../../scripts/generate-str-fixtures.js";
import { runStream } from "../../src/engine/run.js";
import { parseStreamBytes } from "../../src/load/index.js";
import { StrContainer } from "../../src/modeler/container/str-file.js";
import { documentElement } from "../../src/modeler/fastinfoset/index.js";
import { sameElement } from "../../src/modeler/xml/dom.js";
import { parseXmlDocument } from "../../src/modeler/xml/parse-xml.js";
import { defaultRegistry } from "../../src/nodes/registry.js";
import { REPO_ROOT } from "./helpers/corpus.js";
import { graphView } from "./helpers/graph.js";

const DIR = join(REPO_ROOT, "fixtures", "str");
const JARS = ["/usr/share/java/FastInfoset.jar", "/usr/share/java/FastInfosetUtilities.jar"];
const JAVA = JARS.every((j) => existsSync(j)) && spawnSync("java", ["-version"]).status === 0;
if (!JAVA) console.warn(`java or ${JARS.join(", ")} missing: the Java reference check of fixtures/str is skipped (CI has them)`);

const registry = defaultRegistry();
const files = readdirSync(DIR).filter((f) => f.endsWith(".str")).sort();

describe("fixtures/str", () => {
  it("are what the seeded generator writes (member by member: deflate output may differ between zlib builds)", () => {
    const generated = strFixtureFiles();
    expect(generated.map((g) => g.name).sort()).toEqual(files);
    for (const g of generated) {
      const now = StrContainer.open(g.bytes);
      const stored = StrContainer.open(readFileSync(join(DIR, g.name)));
      expect(now.entries.map((e) => e.name), g.name).toEqual(stored.entries.map((e) => e.name));
      for (const e of now.entries) expect(Buffer.from(now.read(e.name)).equals(Buffer.from(stored.read(e.name))), `${g.name} ${e.name}`).toBe(true);
    }
  });

  it.skipIf(!JAVA)("decode with the Java reference (FI_SAX_XML) to the document we wrote", () => {
    const tmp = mkdtempSync(join(tmpdir(), "mb-str-fixtures-"));
    for (const f of files) {
      const c = StrContainer.open(readFileSync(join(DIR, f)));
      const fi = join(tmp, `${f}.fi`);
      const xml = join(tmp, `${f}.xml`);
      writeFileSync(fi, c.read(c.main.name));
      const run = spawnSync("java", ["-cp", JARS.join(":"), "com.sun.xml.fastinfoset.tools.FI_SAX_XML", fi, xml], { encoding: "utf8" });
      expect(run.status, run.stderr).toBe(0);
      const reference = parseXmlDocument(readFileSync(xml, "utf8"), { what: `Java's decoding of ${f}` });
      expect(sameElement(documentElement(reference)!, documentElement(c.document().document)!), f).toBe(true);
    }
  }, 120_000);

  it.each(files)("%s loads as the stream it was written from, and runs", async (f) => {
    const path = join(DIR, f);
    const stream = parseStreamBytes(readFileSync(path), path, registry);
    const source = strFixtureStreams().find((s) => `${s.name}.str` === f)!;
    const view = graphView(stream);
    expect(view.nodes).toEqual(graphView(source).nodes.map((n) => ({ ...n, modelerClass: registry.get(n.type as string)!.modelerClasses![0] })));
    expect(view.links).toEqual(source.links);
    expect(view.parameters).toEqual(source.parameters);
    expect(view.scoringBranch).toBe(source.scoringBranch);
    expect(stream.warnings).toEqual([]);
    const report = await runStream(stream, { registry, seed: 1, outDir: mkdtempSync(join(tmpdir(), "mb-str-run-")) });
    expect(report.terminals.length).toBeGreaterThan(0);
    for (const n of report.nodes) expect(n.records, `${f}: ${n.id}`).toBeGreaterThan(0);
  });
});
