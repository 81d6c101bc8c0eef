/**
 * The stream graph model: what every stream file (Modeler `.str`, open JSON, builder API)
 * becomes, and what jobs rewrite and the engine runs.
 *
 * Streams are plain immutable data: functions that change a stream return a new one, so a
 * job can rewrite a stream without surprising the caller that still holds the original.
 */

export type ParameterStorage = "string" | "integer" | "real" | "date" | "time" | "timestamp" | "unknown";

export interface StreamParameter {
  readonly name: string;
  readonly storage: ParameterStorage;
  /** JSON value: numbers for integer/real, strings otherwise (dates as text in ISO form). */
  readonly value: string | number | boolean | null;
  readonly label?: string;
  readonly prompt?: boolean;
}

/** Where a node came from in a Modeler `.str` file; kept so that writing back loses nothing. */
export interface ModelerOrigin {
  /** Modeler's stream-wide node id, e.g. `id1KGXKPHXUMA`. */
  readonly uid: string;
  /** Java class of the node, e.g. `DeriveNode`, `CFBuildModelNode`. */
  readonly modelerClass: string;
  /** Extension id for extension/CF nodes (`spss.tree-extension`, ...). */
  readonly extensionId?: string;
  /** Extension object id of extension/CF nodes (`Chaid`, `neuralnet`, `neuralnetmodel`, ...). */
  readonly extensionObjectId?: string;
  /** The node's complete original XML element (as decoded), for writing back untouched nodes. */
  readonly xml?: unknown;
  /** Anything else the importer wants to keep (member references, diagram ids). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** A nugget's model: inline PMML text, or a path (relative to the stream file) to a PMML file. */
export type NuggetModel = { readonly pmmlText: string } | { readonly pmml: string };

export interface StreamNode {
  /** Unique within the stream: `[A-Za-z0-9_.-]+` (Modeler uids for `.str` files). */
  readonly id: string;
  /** Modeler scripting type name: `derive`, `select`, `c50`, `applyc50`, `table`, ... */
  readonly type: string;
  /** Custom name; when absent Modeler's automatic naming applies. */
  readonly name?: string;
  /** Annotation / label shown in Modeler. */
  readonly label?: string;
  /** Modeler's `enabled=false`: the node passes records through unchanged. */
  readonly enabled: boolean;
  /** Scripting properties; keyed properties are objects keyed by field name. */
  readonly properties: Readonly<Record<string, unknown>>;
  /** For nuggets: id of the builder that made it (Modeler's `builderNodeId`). */
  readonly builder?: string;
  /** For nuggets: the model they score with. */
  readonly model?: NuggetModel;
  /** Id of the SuperNode that contains this node, when it was inside one. */
  readonly superNode?: string;
  /** Canvas position, kept for writing back. */
  readonly position?: { readonly x: number; readonly y: number };
  readonly modeler?: ModelerOrigin;
}

/** A link. Input order of a node is the order of its incoming links in `Stream.links`. */
export interface StreamLink {
  readonly from: string;
  readonly to: string;
  /** Input tag, where the receiving node refers to its inputs by tag (Merge, Append). */
  readonly tag?: string;
}

export interface StreamScript {
  /** `python` (Jython 2 scripts of Modeler 16+), `legacy`, or another language name. */
  readonly language: string;
  readonly text: string;
  /** Modeler's `scriptDefaultExecution`: running the stream runs the script. */
  readonly runByDefault: boolean;
}

export interface StreamSource {
  readonly format: "json" | "str" | "builder";
  /** Absolute path of the file read, when read from a file. */
  readonly path?: string;
  readonly modelerVersion?: string;
}

export interface Stream {
  readonly name: string;
  readonly parameters: readonly StreamParameter[];
  /** Stream options under their scripting names (`date_format`, ...). */
  readonly properties: Readonly<Record<string, unknown>>;
  readonly nodes: readonly StreamNode[];
  readonly links: readonly StreamLink[];
  /** Node id of the terminal flagged "Use as Scoring Branch". */
  readonly scoringBranch?: string;
  /** Node id of the model build node of the deployment. */
  readonly modelBuildNode?: string;
  readonly script?: StreamScript;
  /** Terminal execution order as saved by Modeler (`terminalNodeOrder`); ids. */
  readonly terminalOrder?: readonly string[];
  /** Folder against which relative file paths in node properties resolve. */
  readonly baseDir?: string;
  readonly source?: StreamSource;
  /** Non-fatal findings of the reader (stale uids, unknown quoted names, ...). */
  readonly warnings?: readonly string[];
  /** Format-specific data the writer of that format needs to write the stream back. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

export const NODE_ID_PATTERN = /^[A-Za-z0-9_.-]+$/;

/** Returns a copy of the stream with some fields replaced. */
export function withStream(stream: Stream, changes: Partial<Stream>): Stream {
  return { ...stream, ...changes };
}

/** Returns a copy of the stream in which one node is replaced by `fn(node)`. */
export function updateNode(stream: Stream, id: string, fn: (node: StreamNode) => StreamNode): Stream {
  let found = false;
  const nodes = stream.nodes.map((n) => {
    if (n.id !== id) return n;
    found = true;
    return fn(n);
  });
  if (!found) throw new Error(`updateNode: no node "${id}"`);
  return { ...stream, nodes };
}

/** Returns a copy of the node with properties merged in. */
export function withProperties(node: StreamNode, props: Record<string, unknown>): StreamNode {
  return { ...node, properties: { ...node.properties, ...props } };
}
