/**
 * `applyJob(stream, job)`: the stream a job runs, as a new stream (the argument is not
 * changed).
 *
 * - Each `setting.inputs[]` entry replaces the named source node by a Database source
 *   (`database`) reading `odbc.table` from `odbc.dbRef`. The node keeps its id, name, label
 *   and links, and its Types-tab and Filter-tab settings, so everything downstream sees the
 *   fields it saw before.
 * - Each `setting.exports[]` entry replaces the named terminal node by a Database export
 *   (`databaseexport`) writing `odbc.table`, with the insert mode mapped onto Modeler's own
 *   options (Drop = Create + drop_existing_table, Refresh = Append + delete_existing_rows).
 * - `setting.parameterOverride` sets stream parameters, each value converted to the
 *   parameter's storage; an unknown parameter or a value that does not convert is an error.
 *
 * Nodes are found by id, Modeler uid, name (custom or automatic) or label; a name that
 * matches no candidate, or several, is an error listing the candidates.
 */
import { formatIsoDate, formatIsoTime, formatIsoTimestamp } from "../data/values.js";
import { convertParameter, ParameterError } from "../engine/parameters.js";
import { ModelerBatchError } from "../errors.js";
import { createRegistry, type NodeRegistry } from "../nodes/registry.js";
import { SOURCE_TAB_PROPERTY_NAMES } from "../nodes/sources/database.js";
import { StreamGraph, resolveNodeRef } from "../stream/graph.js";
import type { Stream, StreamNode, StreamParameter } from "../stream/model.js";
import { JobDefinitionError, jsonPath } from "./definition/errors.js";
import type { InsertMode, JobDefinition, ParameterOverride } from "./definition/types.js";

export interface ApplyJobOptions {
  /** Node types, for automatic names and for telling sources and terminals apart. */
  readonly registry?: NodeRegistry;
}

export function applyJob(stream: Stream, job: JobDefinition, options: ApplyJobOptions = {}): Stream {
  const registry = options.registry ?? createRegistry();
  const graph = new StreamGraph(stream);
  const displayName = (n: StreamNode) => registry.displayName(n);
  const replaced = new Map<string, StreamNode>();

  const find = (ref: string, path: Array<string | number>, filter: (n: StreamNode) => boolean, what: string): StreamNode => {
    try {
      return resolveNodeRef(stream, ref, displayName, filter, what);
    } catch (err) {
      if (err instanceof ModelerBatchError) throw new JobDefinitionError(`${jsonPath(path)}: ${err.message}`, { path: jsonPath(path), ...err.details }, { cause: err });
      throw err;
    }
  };
  const claim = (node: StreamNode, path: Array<string | number>) => {
    if (replaced.has(node.id)) throw new JobDefinitionError(`${jsonPath(path)}: node "${displayName(node)}" (id ${node.id}) is already replaced by another entry of the job`, { path: jsonPath(path), node: node.id });
  };

  const isSource = (n: StreamNode) => {
    const def = registry.get(n.type);
    return def ? def.palette === "source" : graph.inputs(n.id).length === 0;
  };
  job.setting.inputs.forEach((input, i) => {
    const path = ["setting", "inputs", i, "node"];
    const node = find(input.node, path, isSource, "source node");
    claim(node, path);
    const kept = Object.fromEntries(Object.entries(node.properties).filter(([k]) => SOURCE_TAB_PROPERTY_NAMES.includes(k)));
    replaced.set(node.id, {
      ...base(node, displayName(node), "DatabaseImportNode"),
      type: "database",
      properties: { mode: "Table", dbRef: input.odbc.dbRef, tablename: input.odbc.table, ...kept },
    });
  });

  const isTerminal = (n: StreamNode) => {
    const def = registry.get(n.type);
    return def ? def.execute !== undefined : graph.outputs(n.id).length === 0 && graph.inputs(n.id).length > 0;
  };
  job.setting.exports.forEach((exp, i) => {
    const path = ["setting", "exports", i, "node"];
    const node = find(exp.node, path, isTerminal, "terminal node");
    claim(node, path);
    const inputs = graph.inputs(node.id).length;
    if (inputs !== 1) {
      throw new JobDefinitionError(`${jsonPath(path)}: terminal node "${displayName(node)}" (id ${node.id}) has ${inputs} inputs; a database export takes exactly one`, { path: jsonPath(path), node: node.id });
    }
    replaced.set(node.id, {
      ...base(node, displayName(node), "DatabaseExportNode"),
      type: "databaseexport",
      properties: { dbRef: exp.odbc.dbRef, table_name: exp.odbc.table, ...insertModeProperties(exp.odbc.insertMode), bulk_loading: exp.bulkLoading },
    });
  });

  const parameters = overrideParameters(stream.parameters, job.setting.parameterOverride);
  return {
    ...stream,
    nodes: stream.nodes.map((n) => replaced.get(n.id) ?? n),
    parameters,
  };
}

/** What a replacement keeps of the node it replaces. */
function base(node: StreamNode, name: string, modelerClass: string): Omit<StreamNode, "type" | "properties"> {
  return {
    id: node.id,
    name,
    ...(node.label !== undefined && { label: node.label }),
    enabled: node.enabled,
    ...(node.superNode !== undefined && { superNode: node.superNode }),
    ...(node.position !== undefined && { position: node.position }),
    ...(node.modeler !== undefined && { modeler: { uid: node.modeler.uid, modelerClass } }),
  };
}

export function insertModeProperties(mode: InsertMode): Record<string, unknown> {
  switch (mode) {
    case "Create": return { write_mode: "Create", drop_existing_table: false };
    case "Drop": return { write_mode: "Create", drop_existing_table: true };
    case "Append": return { write_mode: "Append", delete_existing_rows: false };
    case "Refresh": return { write_mode: "Append", delete_existing_rows: true };
  }
}

function overrideParameters(params: readonly StreamParameter[], overrides: readonly ParameterOverride[]): StreamParameter[] {
  const out = params.slice();
  overrides.forEach((o, i) => {
    const path = jsonPath(["setting", "parameterOverride", i]);
    const index = out.findIndex((p) => p.name === o.name);
    if (index < 0) {
      const known = params.map((p) => `"${p.name}"`).join(", ") || "none";
      throw new JobDefinitionError(`${path}.name: the stream has no parameter "${o.name}"; its parameters are: ${known}`, { path: `${path}.name`, parameter: o.name });
    }
    const p = out[index]!;
    let value: StreamParameter["value"];
    try {
      const v = convertParameter(p.name, p.storage, o.value);
      value = v === null ? null : jsonValue(p.storage, v as number | bigint | string);
    } catch (err) {
      if (err instanceof ParameterError) throw new JobDefinitionError(`${path}.value: ${err.message}`, { path: `${path}.value`, parameter: o.name }, { cause: err });
      throw err;
    }
    out[index] = { ...p, value };
  });
  return out;
}

/** A converted value in the stream's JSON form: numbers as numbers, big integers and dates as text. */
function jsonValue(storage: StreamParameter["storage"], v: number | bigint | string): StreamParameter["value"] {
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "string") return v;
  switch (storage) {
    case "date": return formatIsoDate(v);
    case "time": return formatIsoTime(v);
    case "timestamp": return formatIsoTimestamp(v);
    default: return v;
  }
}
