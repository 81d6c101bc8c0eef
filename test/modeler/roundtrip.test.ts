/**
 * Writing back: .str → Stream → .str → Stream gives the same graph for every corpus file,
 * untouched nodes keep their XML (the Fast Infoset main member comes back byte for byte,
 * members are copied as they were); changed settings are written through the reverse
 * mappings; what cannot be written is an error that names it; and open JSON streams go
 * JSON → .str → JSON unchanged.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseStreamBytes } from "../../src/load/index.js";
import { StrContainer } from "../../src/modeler/container/str-file.js";
import { StrWriteError, writeStr } from "../../src/modeler/export/index.js";
import { documentElement } from "../../src/modeler/fastinfoset/index.js";
import type { StrOrigin } from "../../src/modeler/import/index.js";
import { child, childText, sameElement } from "../../src/modeler/xml/dom.js";
import { scanDiagram } from "../../src/modeler/import/diagram.js";
import { applyPropertyOverrides, parsePropertyOverride } from "../../src/nodes/overrides.js";
import { defaultRegistry } from "../../src/nodes/registry.js";
import type { Stream } from "../../src/stream/model.js";
import { CORPUS_AVAILABLE, REPO_ROOT, corpusFile, corpusFiles } from "./helpers/corpus.js";
import { graphView, jsonView } from "./helpers/graph.js";

const registry = defaultRegistry();
const load = (bytes: Uint8Array, path = "x.str") => parseStreamBytes(bytes, path, registry);
const write = (s: Stream) => writeStr(s, { registry }).bytes;
const set = (s: Stream, ...assignments: string[]) => applyPropertyOverrides(s, assignments.map(parsePropertyOverride), registry);

/** The `<node>` elements of a written file by uid. */
function nodeElements(bytes: Uint8Array) {
  const origin = load(bytes).extra!.str as StrOrigin;
  const diagram = child(child(documentElement(origin.document)!, "stream"), "diagram")!;
  return new Map(scanDiagram(diagram, () => {}).nodes.map((n) => [n.uid, n.element]));
}

describe.skipIf(!CORPUS_AVAILABLE)("str → Stream → str → Stream on the corpus", () => {
  it.each(corpusFiles().map((f) => [f.name, f] as const))("%s", (_name, file) => {
    const bytes = readFileSync(file.strPath);
    const first = load(bytes);
    const written = write(first);
    const second = load(written);
    expect(graphView(second)).toEqual(graphView(first));
    const before = StrContainer.open(bytes);
    const after = StrContainer.open(written);
    expect(after.main.name).toBe(before.main.name);
    expect(after.entries.map((e) => e.name)).toEqual(before.entries.map((e) => e.name));
    for (const e of before.entries) {
      if (e === before.main) continue;
      expect(Buffer.from(after.read(e.name)).equals(Buffer.from(before.read(e.name))), e.name).toBe(true);
    }
    const originMain = Buffer.from(before.read(before.main.name));
    if ((first.extra!.str as StrOrigin).encoding === "fastinfoset") {
      // Untouched: the encoder reproduces Modeler's bytes.
      expect(Buffer.from(after.read(after.main.name)).equals(originMain)).toBe(true);
    } else {
      // A 14.2 plain-XML stream is written as Fast Infoset, the same document in meaning.
      expect(after.document().encoding).toBe("fastinfoset");
      expect(sameElement(documentElement(after.document().document)!, documentElement(before.document().document)!)).toBe(true);
    }
  }, 120_000);
});

describe.skipIf(!CORPUS_AVAILABLE)("writing changes back", () => {
  const drug = () => load(readFileSync(corpusFile("pmservice__drug-selection__Drug1n_capitalized").strPath));

  it("a --set property is written under its internal name; other nodes keep their XML", () => {
    const original = drug();
    const changed = set(original, "trainingInput.other=|", "trainingInput.delimit_tab=true", "id86PQD2I2A8L.lines_per_page=20");
    const bytes = write(changed);
    const back = load(bytes);
    expect(back.nodes.find((n) => n.id === "id5D6SD4P3MMA")!.properties).toMatchObject({ other: "|", delimit_tab: true });
    expect(back.nodes.find((n) => n.id === "id86PQD2I2A8L")!.properties.lines_per_page).toBe(20);
    const before = nodeElements(write(original));
    const after = nodeElements(bytes);
    const props = child(after.get("id5D6SD4P3MMA")!, "properties");
    expect(childText(props, "delimiterChars")).toBe("|");
    expect(childText(props, "delimitOnTab")).toBe("true");
    expect(childText(child(after.get("id86PQD2I2A8L")!, "properties"), "outputLinesPerPage")).toBe("20");
    for (const uid of ["id1JRRSIWAHWX", "id2SGR14P43KS", "id5EIQTQCRX6B"]) expect(sameElement(after.get(uid)!, before.get(uid)!)).toBe(true);
    // Everything but the changed settings stays as it was, the stale rows of the Types tab included.
    expect(graphView({ ...back, nodes: back.nodes.filter((n) => n.id !== "id5D6SD4P3MMA" && n.id !== "id86PQD2I2A8L") })).toEqual(
      graphView({ ...original, nodes: original.nodes.filter((n) => n.id !== "id5D6SD4P3MMA" && n.id !== "id86PQD2I2A8L") }),
    );
    const rows = child(child(props, "typeTable"), "rows")!.children.filter((c) => c.kind === "element");
    expect(rows.map((r) => childText(r as never, "name"))).toContain("Age");
  });

  it("keyed Types settings, custom names, annotations and enabled flags are written back", () => {
    const s = drug();
    const changed: Stream = {
      ...s,
      nodes: s.nodes.map((n) =>
        n.id === "id5D6SD4P3MMA"
          ? { ...n, name: "training data", label: "DRUG1n training", enabled: false, properties: { ...n.properties, direction: { DRUG: "Target", AGE: "Input" } } }
          : n,
      ),
    };
    const back = load(write(changed)).nodes.find((n) => n.id === "id5D6SD4P3MMA")!;
    expect(back.name).toBe("training data");
    expect(back.label).toBe("DRUG1n training");
    expect(back.enabled).toBe(false);
    expect(back.properties.direction).toEqual({ DRUG: "Target", AGE: "Input" });
  });

  it("a change with no reverse mapping is an error that names the node and the property", () => {
    const s = drug();
    const builder = (props: Record<string, unknown>): Stream => ({ ...s, nodes: s.nodes.map((n) => (n.id === "id5EIQTQCRX6B" ? { ...n, properties: props } : n)) });
    expect(() => write(builder({ target: "AGE", inputs: [] }))).toThrow(StrWriteError);
    expect(() => write(builder({ target: "AGE", inputs: [] }))).toThrow(/id5EIQTQCRX6B.*"target"|"target".*id5EIQTQCRX6B/);
    const withCheck = set(drug(), 'trainingInput.check={"AGE": "Warn"}');
    expect(() => write(withCheck)).toThrow(/property "check" has no \.str form/);
  });

  it("nodes and links added or removed are drawn in the diagram", () => {
    const s = drug();
    const edited: Stream = {
      ...s,
      nodes: [...s.nodes.filter((n) => n.id !== "id86PQD2I2A8L"), { id: "preview", type: "table", name: "Preview", enabled: true, properties: { lines_per_page: 10 } }],
      links: [...s.links.filter((l) => l.to !== "id86PQD2I2A8L"), { from: "id5D6SD4P3MMA", to: "preview" }],
      scoringBranch: "preview",
      terminalOrder: ["preview", "id5EIQTQCRX6B"],
    };
    const back = load(write(edited));
    expect(back.nodes.map((n) => n.id)).toEqual(edited.nodes.map((n) => n.id));
    expect(back.links).toEqual(edited.links);
    expect(back.scoringBranch).toBe("preview");
    expect(back.terminalOrder).toEqual(["preview", "id5EIQTQCRX6B"]);
    expect(back.nodes.find((n) => n.id === "preview")).toMatchObject({ type: "table", name: "Preview", properties: { lines_per_page: 10 } });
  });

  it("a link across a SuperNode boundary is refused, not guessed", () => {
    const s = load(readFileSync(corpusFile("IBM__Industry-Accelerators__Retail_Model").strPath));
    const inner = s.nodes.find((n) => n.superNode !== undefined && n.type === "derive")!;
    const outer = s.nodes.find((n) => n.superNode === undefined && n.type === "table")!;
    expect(() => write({ ...s, links: [...s.links, { from: inner.id, to: outer.id }] })).toThrow(/cross a SuperNode boundary/);
  });
});

describe("open JSON streams: JSON → .str → JSON", () => {
  it.each(["drug-demo", "sources-telco"])("%s", (name) => {
    const path = `${REPO_ROOT}fixtures/streams/${name}.stream.json`;
    const json = parseStreamBytes(readFileSync(path), path, registry);
    const back = load(write(json), path.replace(".stream.json", ".str"));
    expect(jsonView(back)).toEqual(jsonView(json));
  });

  it("Merge and Append inputs keep their tags and order", () => {
    const stream: Stream = {
      name: "tags",
      parameters: [],
      properties: {},
      nodes: [
        { id: "a", type: "userinput", enabled: true, properties: { names: ["k", "x"], data: { k: "1 2", x: "3 4" } } },
        { id: "b", type: "userinput", enabled: true, properties: { names: ["k", "y"], data: { k: "1 2", y: "5 6" } } },
        { id: "m", type: "merge", enabled: true, properties: { method: "Keys", key_fields: ["k"] } },
        { id: "t", type: "table", enabled: true, properties: {} },
      ],
      links: [
        { from: "b", to: "m", tag: "2" },
        { from: "a", to: "m", tag: "1" },
        { from: "m", to: "t" },
      ],
    };
    expect(load(write(stream)).links).toEqual(stream.links);
  });
});
