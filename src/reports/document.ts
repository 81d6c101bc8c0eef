/**
 * The documents output nodes produce, independent of any rendering format. Renderers
 * (HTML, TAB, XML, RTF, ...) turn one of these into bytes; the job packs them into results.
 */
import type { Storage } from "../data/storage.js";
import type { Value } from "../data/values.js";

export interface DocumentColumn {
  readonly name: string;
  readonly storage: Storage;
}

/** A grid of values (Table node, Matrix, statistics tables). */
export interface TableContent {
  readonly kind: "table";
  readonly columns: readonly DocumentColumn[];
  readonly rows: readonly (readonly Value[])[];
  /** Total rows seen, when `rows` holds fewer (a capped preview). */
  readonly totalRows?: number;
}

/** Free text in sections (Analysis, Statistics summaries). */
export interface TextContent {
  readonly kind: "text";
  readonly sections: ReadonlyArray<{ readonly heading?: string; readonly lines: readonly string[] }>;
}

/** A chart described as data plus a Vega-Lite-like spec, rendered by the graph renderers. */
export interface ChartContent {
  readonly kind: "chart";
  readonly spec: Readonly<Record<string, unknown>>;
}

/** Several parts in order (e.g. an Analysis: text + coincidence tables). */
export interface CompositeContent {
  readonly kind: "composite";
  readonly parts: readonly DocumentContent[];
}

export type DocumentContent = TableContent | TextContent | ChartContent | CompositeContent;

export interface OutputDocument {
  /** Id of the node that produced it. */
  readonly nodeId: string;
  /** Scripting type of that node (`table`, `analysis`, ...). */
  readonly nodeType: string;
  /** Title: the node's name, as Modeler titles its output windows. */
  readonly title: string;
  readonly content: DocumentContent;
}
