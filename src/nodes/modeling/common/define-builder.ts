/**
 * One model builder = one `BuilderSpec`: its scripting name, the nugget it makes, the target
 * it needs, its algorithm properties and how they map onto the trainer's options. This module
 * turns a spec into a terminal `NodeDefinition`:
 *
 * - `schema()` (before any record moves) checks the field selection and refuses properties
 *   the trainer does not implement, naming them;
 * - `execute()` reads the training records (`training-rows.ts`), trains with a seed drawn from
 *   the run's seeded random numbers (`ctx.random`, so a run with the same seed builds the same
 *   PMML), and returns the model as `{ nuggetType, pmmlText, name }`.
 *
 * Algorithm properties reach the trainer only when the stream sets them, under the trainer
 * option of the same name (or the one the spec maps them to); the trainer's defaults are
 * Modeler's, and a value it does not implement is a `MODEL_OPTION_UNSUPPORTED` error naming it,
 * raised when the run is planned (`preflight`).
 */
import type { Schema } from "../../../data/schema.js";
import type { NodeXmlMapping } from "../../common/str-mapping/index.js";
import { makeClusterData, type ClusterData } from "../../../models/cluster-data.js";
import { categoricalColumn, continuousColumn, makeTrainingData, type DataColumn, type TrainingData } from "../../../models/dataset.js";
import { UnsupportedTrainingOptionError } from "../../../models/errors.js";
import type { TrainingControl } from "../../../models/progress.js";
import { defineNode, type NodeContext, type NodeDefinition, type RunContext } from "../../definition.js";
import type { Props, PropertySpec } from "../../properties.js";
import { ANALYZE_PROPERTIES, FIELD_SELECTION_PROPERTIES } from "./builder-properties.js";
import { knownMeasure, selectFields, type FieldSelection, type TargetRule } from "./field-selection.js";
import { readTrainingRows, supervisedData, unsupervisedData } from "./training-rows.js";

/** What a trainer returns, as far as a builder needs it. */
export interface TrainedLike {
  toPmml(): string;
  readonly warnings?: readonly string[];
}

/** A property the trainer does not implement for some values (by default: `true`). */
export interface RefusedProperty {
  readonly property: string;
  readonly when?: (value: unknown) => boolean;
  readonly why: string;
}

export type TrainerOptions = Record<string, unknown> & TrainingControl & { model_name: string };

export interface BuilderSpec {
  /** Scripting type (`c50`). */
  readonly type: string;
  /** Modeler's label, also the builder's automatic name (`C5.0`). */
  readonly label: string;
  /** Scripting type of the nugget that scores the model (`applyc50`). */
  readonly nuggetType: string;
  readonly modelerClasses?: readonly string[];
  /** Extension builders (`CFBuildModelNode`) read as this type: `extensionID/extensionObjectID`. */
  readonly modelerExtensions?: readonly string[];
  readonly modeler?: NodeXmlMapping;
  readonly target: TargetRule;
  /** Automatic model name; by default the (first) target's name. */
  readonly autoModelName?: string;
  /** A builder's own custom-name properties (Linear's `custom_model_name`), tried first. */
  readonly customModelName?: (props: Props) => string | undefined;
  /** Algorithm properties (no defaults: see the module comment). */
  readonly properties: readonly PropertySpec[];
  /** Properties passed to the trainer: a name, or `[property, option]` when the option is named otherwise. */
  readonly options: readonly (string | readonly [string, string])[];
  readonly refused?: readonly RefusedProperty[];
  /** Last changes to the options from the properties (e.g. `use_max_depth: "Default"`). */
  readonly adjust?: (options: Record<string, unknown>, props: Props) => void;
  /** Checks that need the selection (e.g. one target only), before data is read. */
  readonly check?: (selection: FieldSelection, ctx: NodeContext) => void;
  train(data: TrainingData | ClusterData, options: TrainerOptions, ctx: RunContext): TrainedLike;
}

const ALWAYS_REFUSED: readonly RefusedProperty[] = [
  {
    property: "calculate_adjusted_propensities",
    why: "adjusted propensities come from the model's results on the Test or Validation partition when Modeler builds it; they are not implemented (raw propensities are: set calculate_raw_propensities on the nugget)",
  },
];

export function defineBuilder(spec: BuilderSpec): NodeDefinition {
  const refused = [...ALWAYS_REFUSED, ...(spec.refused ?? [])];
  const plan = (ctx: NodeContext, input: Schema): FieldSelection => {
    for (const r of refused) {
      const v = ctx.props.values[r.property];
      if (v !== undefined && v !== null && (r.when ? r.when(v) : v === true)) throw ctx.props.unsupported(r.property, v, r.why);
    }
    const selection = selectFields(ctx, input, spec.target);
    spec.check?.(selection, ctx);
    return selection;
  };
  return defineNode({
    type: spec.type,
    label: spec.label,
    palette: "modeling",
    ...(spec.modelerClasses && { modelerClasses: spec.modelerClasses }),
    ...(spec.modelerExtensions && { modelerExtensions: spec.modelerExtensions }),
    ...(spec.modeler && { modeler: spec.modeler }),
    inputs: { min: 1, max: 1 },
    properties: [...FIELD_SELECTION_PROPERTIES, ...spec.properties, ...ANALYZE_PROPERTIES],
    schema(ctx, [input]) {
      const selection = plan(ctx, input!);
      preflight(spec, ctx, input!, selection);
      return input!;
    },
    async execute(ctx, [input]) {
      const selection = plan(ctx, ctx.inputSchemas[0]!);
      const name = modelName(ctx.props, selection, spec);
      const options = trainerOptions(ctx.props, spec);
      ctx.progress("reading training records", 0);
      const rows = await readTrainingRows(ctx, input!, selection);
      const seed = Math.floor(ctx.random("model training")() * 0x1_0000_0000);
      const data = spec.target.count === "none" ? unsupervisedData(rows, selection, seed) : supervisedData(rows, selection, seed);
      ctx.progress(`training on ${rows.batch.length} of ${rows.received} records`, 0);
      const model = spec.train(data, {
        ...options,
        model_name: name,
        signal: ctx.signal,
        onProgress: (p) => ctx.progress(p.stage, p.total > 0 ? Math.min(1, p.done / p.total) : undefined),
      }, ctx);
      for (const w of model.warnings ?? []) ctx.warn(w);
      return { models: [{ nuggetType: spec.nuggetType, pmmlText: model.toPmml(), name }] };
    },
  });
}

/**
 * Asks the trainer to check its options before any record is read: it trains on an empty table
 * with a cancelled signal, so it stops at its option checks, its "no training rows" error or
 * its first checkpoint. Only `UnsupportedTrainingOptionError` is passed on (an option that is
 * not implemented, whatever the data); anything else the empty table causes is left to the
 * real training, which reports it with the data at hand.
 */
function preflight(spec: BuilderSpec, ctx: NodeContext, input: Schema, selection: FieldSelection): void {
  const cancelled = new AbortController();
  cancelled.abort();
  const empty = (name: string): DataColumn => {
    const f = input.field(name)!;
    if (knownMeasure(f) === "continuous") return continuousColumn(name, [], f.storage);
    const measure = f.measure === "flag" || f.measure === "ordinal" ? f.measure : "nominal";
    const categories = (f.values ?? []).filter((v): v is string | number => typeof v === "string" || typeof v === "number");
    return categoricalColumn(name, [], { measure, categories, storage: f.storage });
  };
  try {
    const inputs = selection.inputs.map(empty);
    const data = spec.target.count === "none"
      ? makeClusterData({ inputs, seed: 0 })
      : makeTrainingData({ inputs, target: empty(selection.targets[0]!), seed: 0 });
    const options = trainerOptions(ctx.props, spec);
    spec.train(data, { ...options, model_name: modelName(ctx.props, selection, spec), signal: cancelled.signal }, ctx as RunContext);
  } catch (e) {
    if (e instanceof UnsupportedTrainingOptionError) throw e;
  }
}

/** `model_name` with `use_model_name`, else Modeler's automatic name. */
export function modelName(props: Props, selection: FieldSelection, spec: Pick<BuilderSpec, "autoModelName" | "customModelName">): string {
  const own = spec.customModelName?.(props);
  if (own !== undefined && own !== "") return own;
  if (props.bool("use_model_name") && props.str("model_name") !== "") return props.str("model_name");
  return spec.autoModelName ?? selection.targets[0] ?? "model";
}

export function trainerOptions(props: Props, spec: Pick<BuilderSpec, "options" | "adjust">): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const o of spec.options) {
    const [property, option] = typeof o === "string" ? [o, o] : o;
    const v = props.values[property];
    if (v !== undefined && v !== null) out[option] = v;
  }
  spec.adjust?.(out, props);
  return out;
}
