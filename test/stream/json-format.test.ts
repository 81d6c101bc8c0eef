import { describe, expect, it } from "vitest";
import { readStreamJson, writeStreamJson, StreamFormatError, StreamGraphError, StreamBuilder } from "../../src/stream/index.js";
import { defaultRegistry } from "../../src/nodes/registry.js";

const nodeTypes = defaultRegistry().propertySchemas();

const doc = {
  format: "modeler-batch/stream@1",
  name: "demo",
  parameters: [{ name: "min_age", storage: "integer", value: 18, label: "Youngest" }],
  nodes: [
    { id: "in", type: "userinput", properties: { names: ["A"], data: { A: "1 2 3" } } },
    { id: "keep", type: "filter", properties: { include: { A: true } } },
    { id: "t", type: "table" },
  ],
  links: [["in", "keep"], { from: "keep", to: "t", tag: "x" }],
  scoringBranch: "t",
};

function expectError(text: string, pattern: RegExp, details?: Record<string, unknown>) {
  try {
    readStreamJson(text, { nodeTypes });
  } catch (err) {
    expect(err).toBeInstanceOf(StreamFormatError);
    expect((err as Error).message).toMatch(pattern);
    if (details) expect((err as StreamFormatError).details).toMatchObject(details);
    return;
  }
  throw new Error("expected an error");
}

describe("open stream format", () => {
  it("reads nodes, links (pairs and tagged objects), parameters and the scoring branch", () => {
    const s = readStreamJson(JSON.stringify(doc), { nodeTypes });
    expect(s.name).toBe("demo");
    expect(s.nodes.map((n) => n.id)).toEqual(["in", "keep", "t"]);
    expect(s.nodes[0]!.enabled).toBe(true);
    expect(s.links).toEqual([{ from: "in", to: "keep" }, { from: "keep", to: "t", tag: "x" }]);
    expect(s.parameters).toEqual([{ name: "min_age", storage: "integer", value: 18, label: "Youngest" }]);
    expect(s.scoringBranch).toBe("t");
  });

  it("writes what it reads: write then read gives the same graph", () => {
    const s = readStreamJson(JSON.stringify(doc), { nodeTypes });
    const again = readStreamJson(writeStreamJson(s), { nodeTypes });
    expect(again).toEqual(s);
  });

  it("names line and column of invalid JSON", () => {
    expectError('{\n  "format": "modeler-batch/stream@1",\n  "nodes": [,]\n}', /line 3, column 13/, { line: 3, column: 13 });
  });

  it("names an unknown top-level key", () => {
    expectError(JSON.stringify({ ...doc, colour: "red" }), /unknown top-level key "colour" at \$\.colour/);
  });

  it("names the node, property and JSON path of an unknown property", () => {
    const bad = structuredClone(doc);
    (bad.nodes[1]!.properties as Record<string, unknown>).inclde = {};
    expectError(JSON.stringify(bad), /unknown property "inclde" of node "keep" \(filter\) at \$\.nodes\[1\]\.properties\.inclde/, { node: "keep", key: "inclde" });
  });

  it("names the allowed values of an enum property", () => {
    const bad = structuredClone(doc);
    (bad.nodes[0]!.properties as Record<string, unknown>).data_mode = "Sideways";
    expectError(JSON.stringify(bad), /property "data_mode" of node "in" \(userinput\) must be one of Combined, Ordered \(got "Sideways"\)/);
  });

  it("names an unknown node type", () => {
    const bad = structuredClone(doc);
    bad.nodes[2]!.type = "teleport";
    expectError(JSON.stringify(bad), /unknown node type "teleport" of node "t" at \$\.nodes\[2\]\.type/);
  });

  it("refuses links to missing nodes and duplicate ids", () => {
    expectError(JSON.stringify({ ...doc, links: [["in", "nowhere"]] }), /link 0 refers to node "nowhere"/);
    expectError(JSON.stringify({ ...doc, nodes: [...doc.nodes, doc.nodes[0]] }), /node id "in" is used twice/);
  });

  it("refuses a cycle, naming its nodes", () => {
    const cyclic = { ...doc, links: [["in", "keep"], ["keep", "t"], ["t", "keep"]] };
    expect(() => readStreamJson(JSON.stringify(cyclic), { nodeTypes })).toThrow(StreamGraphError);
    expect(() => readStreamJson(JSON.stringify(cyclic), { nodeTypes })).toThrow(/cycle: keep -> t -> keep/);
  });
});

describe("StreamBuilder", () => {
  it("builds the same stream as the JSON it describes", () => {
    const b = new StreamBuilder("demo");
    b.parameter("min_age", "integer", 18, "Youngest");
    const t = b.add("userinput", { names: ["A"], data: { A: "1 2 3" } }, { id: "in" })
      .then("filter", { include: { A: true } }, { id: "keep" });
    const table = b.add("table", {}, { id: "t" });
    b.link(t, table, "x").scoringBranch(table);
    const built = b.build();
    const read = readStreamJson(JSON.stringify(doc), { nodeTypes });
    expect({ ...built, source: undefined }).toEqual({ ...read, source: undefined });
  });

  it("generates ids from the type", () => {
    const b = new StreamBuilder();
    const a = b.add("filter");
    const c = a.then("filter");
    expect([a.id, c.id]).toEqual(["filter1", "filter2"]);
  });
});
