/**
 * Every file of the real corpus loads, and `modeler-batch inspect --json` agrees with the
 * reference decoding (decoded/*.xml, from the Java Fast Infoset reference, parsed here with
 * fast-xml-parser) on nodes, classes, uids, links, scoring branch and model build node, and
 * with manifest.json on version, stream name and script.
 */
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/helpers.js";
import type { StreamInspection } from "../../src/engine/inspect.js";
import {
  CORPUS_AVAILABLE,
  CORPUS_SKIP_REASON,
  corpusFiles,
  manifest,
  refChild,
  refLinks,
  refNodes,
  refText,
  referenceDocument,
  shortClass,
} from "./helpers/corpus.js";

if (!CORPUS_AVAILABLE) console.warn(CORPUS_SKIP_REASON);

const INSPECTION_KEYS = ["name", "modelerVersion", "format", "parameters", "nodes", "links", "scoringBranch", "modelBuildNode", "script", "warnings"];
const NODE_KEYS = ["id", "uid", "type", "modelerClass", "name", "label", "enabled", "supported", "reason", "superNode"];

function sortedPairs(pairs: ReadonlyArray<readonly [string, string]>): string[] {
  return pairs.map(([a, b]) => `${a} -> ${b}`).sort();
}

describe.skipIf(!CORPUS_AVAILABLE)("the Modeler corpus: every file loads and inspects as its reference decoding says", () => {
  const files = corpusFiles();
  const entries = CORPUS_AVAILABLE ? manifest() : new Map();

  it("has the 57 files", () => {
    expect(files.length).toBe(57);
  });

  it.each(files.map((f) => [f.name, f] as const))("%s", async (_name, file) => {
    const cli = await runCli(["inspect", file.strPath, "--json"]);
    expect(cli.stderr).toBe("");
    expect(cli.code).toBe(0);
    const info = JSON.parse(cli.stdout) as StreamInspection;
    expect(Object.keys(info)).toEqual(INSPECTION_KEYS);
    for (const n of info.nodes) expect(Object.keys(n)).toEqual(NODE_KEYS);

    const root = referenceDocument(file);
    const props = refChild(refChild(root, "stream"), "properties");
    const refNodeList = refNodes(root);
    // Nodes: one per <node class=…>, SuperNode contents included, ids are the uids.
    expect(info.nodes.map((n) => n.uid)).toEqual(refNodeList.map((n) => n.attrs.uid));
    expect(info.nodes.map((n) => n.id)).toEqual(refNodeList.map((n) => n.attrs.uid));
    expect(info.nodes.map((n) => n.modelerClass)).toEqual(refNodeList.map((n) => shortClass(n.attrs.class!)));
    // superNode: the uid of the SuperNode whose diagram holds the node.
    const parentOf = new Map<string, string>();
    for (const n of refNodeList) for (const inner of refChild(refChild(n, "diagram"), "nodes")?.children ?? []) parentOf.set(inner.attrs.uid!, n.attrs.uid!);
    expect(info.nodes.map((n) => n.superNode)).toEqual(refNodeList.map((n) => parentOf.get(n.attrs.uid!) ?? null));
    // Links as drawn, SuperNode insides included.
    expect(sortedPairs(info.links)).toEqual(sortedPairs(refLinks(root)));
    // Scoring branch and model build node: the uid the stream names, when it is a node of the stream.
    const uids = new Set(refNodeList.map((n) => n.attrs.uid));
    const ref = (tag: string) => {
      const uid = refText(props, tag) ?? "";
      return uid !== "" && uids.has(uid) ? uid : null;
    };
    expect(info.scoringBranch).toBe(ref("scnScoringTerminalNode"));
    expect(info.modelBuildNode).toBe(ref("scnModelBuildNode"));
    for (const tag of ["scnScoringTerminalNode", "scnModelBuildNode"]) {
      const uid = refText(props, tag) ?? "";
      if (uid !== "" && !uids.has(uid)) expect(info.warnings.some((w) => w.includes(uid))).toBe(true);
    }
    expect(info.modelerVersion).toBe(root.attrs.version);
    expect(info.format).toBe("str");
    expect(info.name).toBe(refText(props, "name"));

    const m = entries.get(file.name);
    if (m) {
      expect(info.modelerVersion).toBe(m.version);
      expect(info.name).toBe(m.stream_name);
      for (const [tag, value] of [["scnScoringTerminalNode", info.scoringBranch], ["scnModelBuildNode", info.modelBuildNode]] as const) {
        const listed = m[tag] ?? "";
        expect(value ?? "").toBe(listed !== "" && uids.has(listed) ? listed : "");
      }
      if (info.script) {
        expect(info.script.language).toBe(m.scriptLanguage);
        expect(String(info.script.runByDefault)).toBe(m.scriptDefaultExecution);
      }
    }
    if ((refText(props, "script") ?? "").trim() !== "") {
      expect(info.script).toEqual({ language: refText(props, "scriptLanguage") ?? "legacy", runByDefault: refText(props, "scriptDefaultExecution") === "true" });
    } else expect(info.script).toBeNull();
  }, 120_000);
});
