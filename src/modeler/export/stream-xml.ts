/**
 * Writing stream-level settings back into `stream/properties`: only what differs from what
 * was read (so an untouched stream keeps its XML exactly), each through the reverse of the
 * reader's mapping. A setting with no `.str` form is an error that names it.
 */
import type { FiElement } from "../fastinfoset/types.js";
import type { Stream, StreamParameter, StreamScript } from "../../stream/model.js";
import { StrWriteError } from "../errors.js";
import { child, ensureChild, makeElement, replaceChild, setChildText } from "../xml/dom.js";
import { valueText, type TypedValueType } from "../../nodes/common/str-mapping/typed-values.js";
import type { StrOrigin } from "../import/index.js";
import { STREAM_OPTIONS } from "../import/stream-options.js";
import { sameJson } from "./same-json.js";

type Imported = StrOrigin["imported"];

/** Parameter storage → typed-value letter (integers of parameters are `I` in Modeler's files). */
const PARAMETER_LETTERS: Readonly<Record<string, string>> = { string: "A", integer: "I", real: "D", date: "U", timestamp: "W" };

export function patchStreamProperties(props: FiElement, stream: Stream, before: Imported): void {
  if (stream.name !== before.name) setChildText(props, "name", stream.name);
  if (!sameJson(stream.parameters, before.parameters)) writeParameters(props, stream.parameters);
  writeOptions(props, stream.properties, before.properties);
  if (!sameJson(stream.script ?? null, before.script ?? null)) writeScript(props, stream.script);
  const scoring = stream.scoringBranch ?? "";
  const build = stream.modelBuildNode ?? "";
  if (scoring !== (before.scoringBranch ?? "")) setChildText(props, "scnScoringTerminalNode", scoring);
  if (build !== (before.modelBuildNode ?? "")) setChildText(props, "scnModelBuildNode", build);
  if (scoring !== (before.scoringBranch ?? "") || build !== (before.modelBuildNode ?? "")) {
    setChildText(props, "scnDeploymentType", scoring === "" ? "none" : build === "" ? "scoring" : "modelRefresh");
  }
}

function writeParameters(props: FiElement, parameters: readonly StreamParameter[]): void {
  const rows = parameters.map((p) => {
    const letter = PARAMETER_LETTERS[p.storage];
    if (letter === undefined) throw new StrWriteError(`stream parameter "${p.name}" has storage ${p.storage}, which has no .str form`, { parameter: p.name });
    const value = makeElement("value", { type: letter }, [p.value === null ? "" : valueText(p.value, letter as TypedValueType)]);
    return makeElement("row", {}, [
      makeElement("name", {}, [p.name]),
      value,
      makeElement("longName", {}, [p.label ?? ""]),
      makeElement("type", {}, [makeElement("storage", {}, [p.storage]), makeElement("measure", {}, ["typeless"]), makeElement("values")]),
      makeElement("prompt", {}, [String(p.prompt === true)]),
    ]);
  });
  replaceChild(props, "parameterTable", makeElement("parameterTable", {}, [makeElement("rows", {}, rows)]));
}

function writeOptions(props: FiElement, now: Readonly<Record<string, unknown>>, before: Readonly<Record<string, unknown>>): void {
  for (const name of new Set([...Object.keys(now), ...Object.keys(before)])) {
    if (sameJson(now[name], before[name])) continue;
    const option = STREAM_OPTIONS.find(([, n]) => n === name);
    if (!option) {
      throw new StrWriteError(
        `stream option ${name} has no .str form${name === "date_format" || name === "time_format" ? " (Modeler stores formats as undocumented numbers)" : ""}; remove it or leave it as read`,
        { option: name },
      );
    }
    const [tag] = option;
    const value = now[name];
    if (value === undefined) throw new StrWriteError(`stream option ${name} was removed; .str files always hold ${tag}, so set a value instead`, { option: name });
    setChildText(props, tag, optionText(name, value));
  }
}

function optionText(name: string, value: unknown): string {
  switch (name) {
    case "decimal_symbol":
      if (value === "Period" || value === "Comma") return value.toLowerCase();
      break;
    case "ruleset_evaluation":
      if (value === "Voting") return "voting";
      if (value === "FirstHit") return "firstHit";
      break;
    case "encoding":
      return value === "SystemDefault" ? "serverDefault" : String(value);
    default:
      if (typeof value === "boolean" || typeof value === "number") return String(value);
  }
  throw new StrWriteError(`stream option ${name} = ${JSON.stringify(value)} has no .str form`, { option: name });
}

function writeScript(props: FiElement, script: StreamScript | undefined): void {
  setChildText(props, "script", script?.text ?? "");
  if (script) setChildText(props, "scriptLanguage", script.language);
  setChildText(props, "scriptDefaultExecution", String(script?.runByDefault === true));
}

/** The skeleton of a new stream document (Modeler 18.0 layout), filled by the same patching. */
export function skeletonDocument(): { root: FiElement; props: FiElement; diagram: FiElement } {
  const props = makeElement("properties", {}, [makeElement("name"), makeElement("parameterTable", {}, [makeElement("rows")]), makeElement("script")]);
  const diagram = makeElement("diagram", {}, [makeElement("nodes"), makeElement("links"), makeElement("comments"), makeElement("terminalNodeOrder")]);
  const root = makeElement("clementineStream", { version: "18.0" }, [makeElement("stream", { saveVersion: "18.0" }, [props, diagram])]);
  return { root, props, diagram };
}

export function streamParts(root: FiElement): { props: FiElement; diagram: FiElement } {
  const stream = child(root, "stream")!;
  return { props: ensureChild(stream, "properties"), diagram: ensureChild(stream, "diagram") };
}
