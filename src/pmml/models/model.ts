/**
 * What a compiled model is, for the code around it (outputs, ensembles, the public API).
 *
 * A model compiles to `evaluate(frame)`, which writes the row's result into the model's one
 * `ModelState` (reused for every row: no allocation per row). Output fields and parent ensembles
 * read that state right after. `state.gen` records which row the state belongs to, so a reader
 * can tell a segment that was not evaluated in this row from one that was.
 */
import type { BatchCheck } from "../runtime/input-check.js";
import type { Scope } from "../fields/scope.js";
import type { Frame, Getter } from "../runtime/frame.js";
import type { DataType, OpType, Value } from "../types/values.js";
import type { XmlElement } from "../xml/xml-element.js";

export const MINING_FUNCTIONS = [
  "regression",
  "classification",
  "clustering",
  "mixed",
  "associationRules",
  "sequences",
  "timeSeries",
] as const;
export type MiningFunction = (typeof MINING_FUNCTIONS)[number];

export interface TargetInfo {
  /** Field name, or null for the synthetic target of a model without a target MiningField. */
  readonly name: string | null;
  readonly dataType: DataType;
  readonly optype: OpType;
  /** Category values of a classification target, in the order probabilities are stored. */
  readonly categories: readonly Value[];
  /** Display values (Targets/TargetValue@displayValue, DataField Value@displayValue). */
  readonly displayValues: ReadonlyMap<Value, string>;
}

export class ModelState {
  /** The Frame generation (row) this state was computed for; -1 before the first row. */
  gen = -1;
  /** Predicted value per target (after Targets post-processing); null = no prediction. */
  readonly values: Value[];
  /** Probability per category, per target (empty arrays for non-classification targets). */
  readonly probabilities: Float64Array[];
  /** Whether this row produced a probability distribution, per target. */
  readonly hasProbabilities: boolean[];
  /** The winning entity (tree node, rule, cluster, support vector machine, segment) id. */
  entityId: Value = null;

  constructor(targets: readonly TargetInfo[]) {
    this.values = targets.map(() => null);
    this.probabilities = targets.map((t) => new Float64Array(t.categories.length));
    this.hasProbabilities = targets.map(() => false);
  }

  reset(gen: number): void {
    this.gen = gen;
    this.entityId = null;
    for (let i = 0; i < this.values.length; i++) {
      this.values[i] = null;
      this.hasProbabilities[i] = false;
    }
  }
}

/** The attributes of an OutputField that a model needs to produce a feature. */
export interface OutputRequest {
  readonly feature: string;
  readonly element: XmlElement;
  /** Index into `targets` (OutputField@targetField, default the first). */
  readonly target: number;
  /** OutputField@value, raw. */
  readonly value?: string;
  readonly rank: number;
  readonly rankOrder: "descending" | "ascending";
  readonly rankBasis?: string;
  readonly isMultiValued: boolean;
  readonly ruleFeature?: string;
}

/**
 * Model-specific output features (entityId, affinity, reasonCode, …). Returns undefined for a
 * feature the model does not have, which makes the OutputField a load-time error.
 */
export type FeatureProvider = (request: OutputRequest) => FeatureGetter | undefined;

/** A feature's getter and the data type of the values it returns. */
export interface FeatureGetter {
  readonly get: Getter;
  readonly dataType: DataType;
}

export interface OutputFieldInfo {
  readonly name: string;
  readonly dataType: DataType;
  readonly optype: OpType;
  readonly feature: string;
  readonly isFinalResult: boolean;
  /** The value, computed once per row (what other fields read). */
  readonly get: Getter;
  /** The value without the per-row cache, for writing results (read once). */
  readonly compute?: Getter;
}

export interface CompiledModel {
  /** The model element's name ("TreeModel"). */
  readonly element: string;
  readonly functionName: MiningFunction;
  readonly modelName?: string;
  readonly targets: readonly TargetInfo[];
  readonly state: ModelState;
  /** Fields the model sees: prepared inputs, transformations. */
  readonly scope: Scope;
  /** `scope` plus the model's output fields. */
  readonly outputScope: Scope;
  readonly outputFields: readonly OutputFieldInfo[];
  /**
   * Output fields of nested models that this model exposes as its own results (the selected
   * segment of selectFirst, the last segment of a model chain), as JPMML does.
   */
  readonly nestedOutputFields: readonly OutputFieldInfo[];
  /** Scores the current row of `f` into `state`. */
  evaluate(f: Frame): void;
  readonly features: FeatureProvider;
  /** The models of a Segmentation, by Segment id (MiningModel only). */
  readonly segments?: ReadonlyMap<string, CompiledModel>;
  /**
   * A plain tree's walk (TreeModel without Targets or Output, and with a single-leaf missing value
   * strategy), for ensembles that combine leaves directly instead of going through `evaluate`.
   */
  readonly leafWalker?: LeafWalker;
  /** Top-level model only: checks the batch's active inputs for invalid values (see input-check.ts). */
  readonly checkInputs?: BatchCheck;
}

/** What LeafWalker.walkBlock writes for a row whose walk failed (walk() that row to get the error). */
export const WALK_FAILED = -2;

export interface LeafWalker {
  /** The index (into `nodes`) of the node the row ends at, or −1 for no prediction. */
  walk(f: Frame): number;
  /**
   * The walks of rows [from, to) of the frame's batch into out[offset …], for trees whose tests
   * all read batch columns (so a walk needs no frame row): an ensemble walks one tree over a
   * block of rows, then the next, which keeps each tree in cache. Rows whose walk fails get
   * WALK_FAILED.
   */
  readonly walkBlock?: (f: Frame, from: number, to: number, out: Int32Array, offset: number) => void;
  /** Node payloads by index: `score` (typed), `probabilities` aligned with `categories`. */
  readonly nodes: readonly { readonly score: Value; readonly hasScore: boolean; readonly probabilities: Float64Array | null }[];
  readonly categories: readonly Value[];
}
