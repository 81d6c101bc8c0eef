/**
 * What a node type is: one module per type exports a `NodeDefinition` holding everything
 * about it — scripting name, properties, Modeler classes it maps from, how it names itself,
 * its output schema (computed before any data moves) and how it runs.
 *
 * Modeled on KNIME's settings / configure / execute split: `properties` are the settings,
 * `schema()` is configure, `run()` / `execute()` is execute with a context that carries
 * cancellation, progress and warnings.
 */
import type { RecordBatch } from "../data/batch.js";
import type { RandomSource } from "../data/random.js";
import type { Schema } from "../data/schema.js";
import type { StreamSettings } from "../data/settings.js";
import type { Storage } from "../data/storage.js";
import type { Value } from "../data/values.js";
import type { NodeXmlMapping } from "./common/str-mapping/mapping.js";
import type { OutputDocument } from "../reports/document.js";
import type { Stream, StreamNode } from "../stream/model.js";
import type { PropertySpec, Props } from "./properties.js";

export type BatchStream = AsyncIterable<RecordBatch>;

/** Modeler palettes; they decide which terminals an action runs. */
export type Palette = "source" | "record" | "field" | "graph" | "output" | "export" | "modeling" | "model" | "supernode";

export interface ParameterValue {
  readonly storage: Storage;
  /** In run-time representation (dates as day numbers, see data/values). */
  readonly value: Value;
}

/**
 * Extension points an embedding application fills (database connectors, model stores).
 * Keys are owned by the modules that read them.
 */
export type NodeServices = Readonly<Record<string, unknown>>;

export interface NodeContext {
  readonly node: StreamNode;
  /** The node's properties, validated, with defaults filled in. */
  readonly props: Props;
  readonly stream: Stream;
  readonly settings: StreamSettings;
  /** Stream parameters after overrides, by name (without `$P-`). */
  readonly parameters: ReadonlyMap<string, ParameterValue>;
  /** Deterministic random numbers for this node; `label` separates independent uses. */
  random(label?: string): RandomSource;
  /** Resolves a file a node reads: relative to the stream, then by base name under the file roots. */
  resolveInputFile(path: string, property: string): Promise<string>;
  /** Resolves a file a node writes (relative to the output folder, or the stream's folder). */
  resolveOutputFile(path: string, property: string): string;
  warn(message: string): void;
  readonly services: NodeServices;
  readonly signal: AbortSignal;
}

export interface RunContext extends NodeContext {
  readonly inputSchemas: readonly Schema[];
  readonly outputSchema: Schema;
  /** Throws `CancelledError` when the run was cancelled. */
  throwIfAborted(): void;
  /** Reports progress of long work that is not a record count (model training, sorting). */
  progress(message: string, fraction?: number): void;
}

export interface ExportSummary {
  /** What was written: a file path, or `dbRef:table`. */
  readonly target: string;
  readonly records: number;
  readonly mode?: string;
}

export interface BuiltModel {
  /** Scripting type of the nugget that scores this model (`applyc50`, ...). */
  readonly nuggetType: string;
  readonly pmmlText: string;
  readonly name: string;
}

/** What a terminal node produced. */
export interface TerminalResult {
  readonly documents?: readonly OutputDocument[];
  readonly exports?: readonly ExportSummary[];
  readonly models?: readonly BuiltModel[];
  /** Files written, absolute paths. */
  readonly files?: readonly string[];
}

export interface NodeDefinition {
  /** Scripting type name (`derive`, `variablefile`, `applyc50`, ...). */
  readonly type: string;
  /** Display label of the type, also its default automatic name (`Var. File`, `Table`). */
  readonly label: string;
  readonly palette: Palette;
  /** Java classes of Modeler's `.str` files this type reads (`DeriveNode`, ...). */
  readonly modelerClasses?: readonly string[];
  /**
   * Modeler's extension builders this type reads, as `extensionID/extensionObjectID`
   * (`spss.neuralnet-extension/neuralnet`): `CFBuildModelNode` elements are one class for every
   * algorithm, told apart by these attributes, with their settings in a `Parameters` member
   * (the mapping's `parameters` codecs).
   */
  readonly modelerExtensions?: readonly string[];
  /**
   * How the node's properties are read from and written back to the XML of those classes
   * (internal names → scripting properties), declared in the node's own file with the codecs
   * of `common/str-mapping/`. Without it, `.str` nodes of this type load with a warning and
   * fail when a run needs them.
   */
  readonly modeler?: NodeXmlMapping;
  readonly properties: readonly PropertySpec[];
  /** How many inputs the node takes (`max: Infinity` for Merge/Append). */
  readonly inputs: { readonly min: number; readonly max: number };
  /**
   * Modeler's automatic name when the node has no custom name (a Derive is named after its
   * new field, a Var. File after its file). Defaults to `label`.
   */
  autoName?(node: StreamNode, props: Readonly<Record<string, unknown>>): string;
  /** Output fields from input fields, before any data is read. Terminals may omit it. */
  schema?(ctx: NodeContext, inputs: readonly Schema[]): Schema | Promise<Schema>;
  /** Non-terminal nodes: the output batches, pulled lazily from the inputs. */
  run?(ctx: RunContext, inputs: readonly BatchStream[]): BatchStream;
  /** Terminal nodes: consume the inputs and produce documents, exports or models. */
  execute?(ctx: RunContext, inputs: readonly BatchStream[]): Promise<TerminalResult>;
}

export function isTerminal(def: NodeDefinition): boolean {
  return def.execute !== undefined;
}

/** Identity helper that keeps literal types when defining nodes. */
export function defineNode(def: NodeDefinition): NodeDefinition {
  return def;
}
