/**
 * Reader and writer of the open stream format (`.stream.json`, see docs/stream-format.md).
 *
 * Reading checks the document against the JSON Schema (with each node type's property
 * schema when the caller supplies them), then the graph: unique ids, links between existing
 * nodes, no cycles. Every error names the JSON path, and the node and key where it applies;
 * invalid JSON names its line and column.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { dirname, resolve } from "node:path";
import { parseJsonWithPosition } from "../data/json-text.js";
import type { Stream, StreamLink, StreamNode, StreamParameter } from "./model.js";
import { StreamFormatError } from "./errors.js";
import { StreamGraph } from "./graph.js";
import { buildStreamSchema, STREAM_FORMAT_ID, type NodePropertySchemas } from "./json-schema.js";

export interface ReadStreamJsonOptions {
  /** Path of the file, for messages and to resolve relative paths (`baseDir`). */
  path?: string;
  /** Per-type property schemas; without them node types and properties are not checked. */
  nodeTypes?: NodePropertySchemas;
  /** Accepted stream option names under top-level `properties`. */
  streamOptions?: readonly string[];
}

const validators = new WeakMap<object, ValidateFunction>();
let freeValidator: ValidateFunction | undefined;

function validatorFor(options: ReadStreamJsonOptions): ValidateFunction {
  const key = options.nodeTypes;
  if (!key) return (freeValidator ??= compile(buildStreamSchema(undefined, options.streamOptions)));
  let v = validators.get(key);
  if (!v) {
    v = compile(buildStreamSchema(key, options.streamOptions));
    validators.set(key, v);
  }
  return v;
}

function compile(schema: object): ValidateFunction {
  return new Ajv({ allErrors: true, strict: false }).compile(schema);
}

/** Parses JSON text; a syntax error becomes an error of the given class with line and column. */
export function parseJsonText(text: string, what: string, ErrorClass: new (m: string, d: Record<string, unknown>) => Error = StreamFormatError): unknown {
  const parsed = parseJsonWithPosition(text);
  if ("value" in parsed) return parsed.value;
  const { line, column, reason } = parsed.problem;
  throw new ErrorClass(`${what} is not valid JSON: ${reason} at line ${line}, column ${column}`, { line, column });
}

export function readStreamJson(text: string, options: ReadStreamJsonOptions = {}): Stream {
  const what = options.path ? `stream file ${options.path}` : "stream JSON";
  const doc = parseJsonText(text, what);
  return streamFromJsonDocument(doc, options);
}

/** Checks a parsed document and turns it into a `Stream`. */
export function streamFromJsonDocument(doc: unknown, options: ReadStreamJsonOptions = {}): Stream {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new StreamFormatError("a stream document must be a JSON object", { path: "$" });
  }
  const validate = validatorFor(options);
  if (!validate(doc)) throw schemaError(doc as Record<string, unknown>, validate.errors ?? []);
  const d = doc as JsonStream;
  const nodes: StreamNode[] = d.nodes.map((n) => ({
    id: n.id,
    type: n.type,
    ...(n.name !== undefined && { name: n.name }),
    ...(n.label !== undefined && { label: n.label }),
    enabled: n.enabled ?? true,
    properties: n.properties ?? {},
    ...(n.builder !== undefined && { builder: n.builder }),
    ...(n.model !== undefined && { model: n.model }),
    ...(n.superNode !== undefined && { superNode: n.superNode }),
    ...(n.position !== undefined && { position: n.position }),
    ...(n.modeler !== undefined && { modeler: n.modeler }),
  }));
  const seen = new Map<string, number>();
  nodes.forEach((n, i) => {
    const first = seen.get(n.id);
    if (first !== undefined) throw new StreamFormatError(`node id "${n.id}" is used twice, at $.nodes[${first}] and $.nodes[${i}]`, { path: `$.nodes[${i}].id`, node: n.id });
    seen.set(n.id, i);
  });
  const links: StreamLink[] = (d.links ?? []).map((l, i) => {
    const link: StreamLink = Array.isArray(l) ? { from: l[0]!, to: l[1]! } : { from: l.from, to: l.to, ...(l.tag !== undefined && { tag: l.tag }) };
    for (const [end, key] of [[link.from, 0], [link.to, 1]] as const) {
      if (!seen.has(end)) {
        const at = Array.isArray(l) ? `$.links[${i}][${key}]` : `$.links[${i}].${key === 0 ? "from" : "to"}`;
        throw new StreamFormatError(`link ${i} refers to node "${end}", which does not exist (at ${at})`, { path: at, node: end });
      }
    }
    return link;
  });
  for (const key of ["scoringBranch", "modelBuildNode"] as const) {
    const id = d[key];
    if (id !== undefined && !seen.has(id)) throw new StreamFormatError(`${key} refers to node "${id}", which does not exist (at $.${key})`, { path: `$.${key}`, node: id });
  }
  nodes.forEach((n, i) => {
    if (n.builder !== undefined && !seen.has(n.builder)) {
      throw new StreamFormatError(`node "${n.id}" names builder "${n.builder}", which does not exist (at $.nodes[${i}].builder)`, { path: `$.nodes[${i}].builder`, node: n.id });
    }
  });
  const stream: Stream = {
    name: d.name ?? "stream",
    parameters: (d.parameters ?? []).map((p): StreamParameter => ({
      name: p.name,
      storage: p.storage,
      value: p.value ?? null,
      ...(p.label !== undefined && { label: p.label }),
      ...(p.prompt !== undefined && { prompt: p.prompt }),
    })),
    properties: d.properties ?? {},
    nodes,
    links,
    ...(d.scoringBranch !== undefined && { scoringBranch: d.scoringBranch }),
    ...(d.modelBuildNode !== undefined && { modelBuildNode: d.modelBuildNode }),
    ...(d.script !== undefined && { script: { language: d.script.language, text: d.script.text, runByDefault: d.script.runByDefault ?? false } }),
    ...(d.terminalOrder !== undefined && { terminalOrder: d.terminalOrder }),
    ...(options.path !== undefined && { baseDir: dirname(resolve(options.path)), source: { format: "json" as const, path: resolve(options.path) } }),
  };
  new StreamGraph(stream).assertAcyclic();
  return stream;
}

/** Writes a stream as open-format JSON (pretty, stable key order). Reading it back gives the same graph. */
export function writeStreamJson(stream: Stream): string {
  return JSON.stringify(streamToJsonDocument(stream), null, 2) + "\n";
}

export function streamToJsonDocument(stream: Stream): JsonStream {
  const doc: JsonStream = { format: STREAM_FORMAT_ID, name: stream.name, nodes: [], links: [] };
  if (stream.parameters.length > 0) {
    doc.parameters = stream.parameters.map((p) => ({
      name: p.name,
      storage: p.storage,
      value: p.value,
      ...(p.label !== undefined && { label: p.label }),
      ...(p.prompt !== undefined && { prompt: p.prompt }),
    }));
  }
  if (Object.keys(stream.properties).length > 0) doc.properties = { ...stream.properties };
  doc.nodes = stream.nodes.map((n) => {
    const out: JsonNode = { id: n.id, type: n.type };
    if (n.name !== undefined) out.name = n.name;
    if (n.label !== undefined) out.label = n.label;
    if (!n.enabled) out.enabled = false;
    if (Object.keys(n.properties).length > 0) out.properties = { ...n.properties };
    if (n.builder !== undefined) out.builder = n.builder;
    if (n.model !== undefined) out.model = n.model;
    if (n.superNode !== undefined) out.superNode = n.superNode;
    if (n.position !== undefined) out.position = n.position;
    if (n.modeler !== undefined) {
      out.modeler = {
        uid: n.modeler.uid,
        modelerClass: n.modeler.modelerClass,
        ...(n.modeler.extensionId !== undefined && { extensionId: n.modeler.extensionId }),
        ...(n.modeler.extensionObjectId !== undefined && { extensionObjectId: n.modeler.extensionObjectId }),
      };
    }
    return out;
  });
  doc.links = stream.links.map((l) => (l.tag === undefined ? [l.from, l.to] : { from: l.from, to: l.to, tag: l.tag }));
  if (stream.scoringBranch !== undefined) doc.scoringBranch = stream.scoringBranch;
  if (stream.modelBuildNode !== undefined) doc.modelBuildNode = stream.modelBuildNode;
  if (stream.terminalOrder !== undefined) doc.terminalOrder = [...stream.terminalOrder];
  if (stream.script !== undefined) doc.script = { language: stream.script.language, text: stream.script.text, runByDefault: stream.script.runByDefault };
  return doc;
}

interface JsonNode {
  id: string;
  type: string;
  name?: string;
  label?: string;
  enabled?: boolean;
  properties?: Record<string, unknown>;
  builder?: string;
  model?: StreamNode["model"];
  superNode?: string;
  position?: { x: number; y: number };
  modeler?: { uid: string; modelerClass: string; extensionId?: string; extensionObjectId?: string };
}

export interface JsonStream {
  format: string;
  name?: string;
  parameters?: Array<{ name: string; storage: StreamParameter["storage"]; value?: StreamParameter["value"]; label?: string; prompt?: boolean }>;
  properties?: Record<string, unknown>;
  nodes: JsonNode[];
  links?: Array<[string, string] | { from: string; to: string; tag?: string }>;
  scoringBranch?: string;
  modelBuildNode?: string;
  terminalOrder?: string[];
  script?: { language: string; text: string; runByDefault?: boolean };
}

/** Turns the most specific schema violation into one message with its JSON path, node and key. */
function schemaError(doc: Record<string, unknown>, errors: readonly ErrorObject[]): StreamFormatError {
  const relevant = errors.filter((e) => e.keyword !== "if" && e.keyword !== "oneOf" && e.keyword !== "allOf");
  const pool = relevant.length > 0 ? relevant : errors;
  const depth = (e: ErrorObject) => e.instancePath.split("/").length + (e.keyword === "additionalProperties" || e.keyword === "required" ? 1 : 0);
  const best = pool.reduce((a, b) => (depth(b) > depth(a) ? b : a));
  const segments = best.instancePath.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  let key: string | undefined = segments.length > 0 ? segments[segments.length - 1] : undefined;
  if (best.keyword === "additionalProperties") key = String(best.params.additionalProperty);
  if (best.keyword === "required") key = String(best.params.missingProperty);
  const pathSegments = best.keyword === "additionalProperties" || best.keyword === "required" ? [...segments, key!] : segments;
  const path = toJsonPath(pathSegments);
  const nodeIndex = segments[0] === "nodes" && segments.length > 1 ? Number(segments[1]) : undefined;
  const node = nodeIndex !== undefined ? (doc.nodes as Array<Record<string, unknown>> | undefined)?.[nodeIndex] : undefined;
  const nodeDesc = node && typeof node.id === "string" ? `node "${node.id}"${typeof node.type === "string" ? ` (${node.type})` : ""}` : undefined;
  const inProperties = segments[2] === "properties" && segments.length >= 3;
  const subject = inProperties && nodeDesc
    ? `property "${pathSegments.slice(3).join(".") || key}" of ${nodeDesc}`
    : nodeDesc && segments.length >= 2
      ? `"${key}" of ${nodeDesc}`
      : segments.length === 0 && key
        ? `top-level key "${key}"`
        : `"${key ?? "document"}"`;
  let message: string;
  switch (best.keyword) {
    case "additionalProperties":
      message = inProperties || segments.length === 3
        ? `unknown ${subject.replace(/^property/, "property")}`
        : `unknown ${subject}`;
      if (inProperties && nodeDesc) message = `unknown property "${key}" of ${nodeDesc}`;
      break;
    case "required":
      message = `${nodeDesc && segments.length <= 2 ? nodeDesc : path.replace(/\.[^.[]+$/, "") || "$"} lacks required key "${key}"`;
      break;
    case "enum": {
      const allowed = (best.params.allowedValues as unknown[]).map((v) => String(v));
      const got = JSON.stringify(valueAt(doc, segments));
      message = segments[0] === "nodes" && segments[2] === "type"
        ? `unknown node type ${got} of node "${String(node?.id)}"`
        : `${subject} must be one of ${allowed.join(", ")} (got ${got})`;
      break;
    }
    case "const":
      message = `${subject} must be ${JSON.stringify(best.params.allowedValue)}`;
      break;
    case "type":
      message = `${subject} must be ${article(String(best.params.type))} (got ${JSON.stringify(valueAt(doc, segments))})`;
      break;
    case "pattern":
      message = `${subject} must match ${String(best.params.pattern)} (got ${JSON.stringify(valueAt(doc, segments))})`;
      break;
    default:
      message = `${subject} ${best.message ?? "is invalid"}`;
  }
  return new StreamFormatError(`${message} at ${path}`, {
    path,
    ...(key !== undefined && { key }),
    ...(node && typeof node.id === "string" && { node: node.id }),
  });
}

function article(type: string): string {
  return type.split(",").map((t) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`)).join(" or ");
}

function toJsonPath(segments: string[]): string {
  return "$" + segments.map((s) => (/^\d+$/.test(s) ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join("");
}

function valueAt(doc: unknown, segments: string[]): unknown {
  let v: unknown = doc;
  for (const s of segments) v = v && typeof v === "object" ? (v as Record<string, unknown>)[s] : undefined;
  return v;
}
