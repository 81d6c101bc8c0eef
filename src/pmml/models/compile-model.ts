/**
 * Compiles any model element: the parts every model has (MiningSchema, LocalTransformations,
 * Targets, Output) around the model-specific core that a `ModelCompiler` provides.
 */
import { invalid, unsupported } from "../errors.js";
import { withMathContext, type CompileContext } from "../expressions/context.js";
import { readMiningSchema, rejectUnsupportedUsage, type MiningFieldDef } from "../fields/mining-field.js";
import type { Scope } from "../fields/scope.js";
import { compileOutputs } from "../output/output-fields.js";
import type { Frame } from "../runtime/frame.js";
import { canBeInvalid, compileInputCheck, type BatchCheck } from "../runtime/input-check.js";
import type { DataType, OpType, Value } from "../types/values.js";
import { booleanAttr, checkChildren, enumAttr, requiredChild } from "../xml/read.js";
import type { XmlElement } from "../xml/xml-element.js";
import {
  MINING_FUNCTIONS,
  ModelState,
  type CompiledModel,
  type FeatureProvider,
  type LeafWalker,
  type MiningFunction,
  type OutputFieldInfo,
  type TargetInfo,
} from "./model.js";
import { nestedScope, topLevelScope, withLocalTransformations, type DocumentEnv } from "./model-scope.js";
import {
  compileCategoricalTarget,
  compileContinuousTarget,
  displayValuesOf,
  readTargets,
  targetCategories,
  targetSpecFor,
  type PostProcess,
  type TargetSpec,
} from "./targets.js";

export interface ModelSetup {
  readonly el: XmlElement;
  readonly functionName: MiningFunction;
  readonly scope: Scope;
  readonly ctx: CompileContext;
  readonly env: DocumentEnv;
  readonly miningFields: readonly MiningFieldDef[];
  /** Target field names (null: a synthetic target). */
  readonly targetNames: readonly (string | null)[];
  /** Data type and optype of target i, before categories are known. */
  targetType(i: number): { dataType: DataType; optype: OpType };
  /** Builds target i; classification targets list the model's categories first, in its order. */
  target(i: number, modelCategories?: readonly Value[]): TargetInfo;
  /** The Targets/Target element of target i, if any. */
  targetSpec(i: number): TargetSpec | undefined;
  /**
   * Compiles a nested model (segments). `inherited` types a segment's synthetic target like the
   * ensemble's target (a classification tree without a target MiningField votes 0/1 as integers).
   */
  compileNested(el: XmlElement, parent: Scope, inherited?: { dataType: DataType; optype: OpType }): CompiledModel;
}

export interface ModelCore {
  readonly targets: readonly TargetInfo[];
  /** Writes the row's raw result into `state` (already reset for this row). */
  evaluate(f: Frame, state: ModelState): void;
  readonly features?: FeatureProvider;
  readonly segments?: ReadonlyMap<string, CompiledModel>;
  /** Output fields of nested models exposed as this model's results. */
  readonly nestedOutputFields?: () => OutputFieldInfo[];
  /** The core already added Target@rescaleConstant (float sums start from it, as float32 learners do). */
  readonly foldedRescaleConstant?: boolean;
  /** See CompiledModel.leafWalker (only used when the model has no Targets and no Output). */
  readonly leafWalker?: LeafWalker;
}

export interface ModelCompiler {
  /** Model-specific child elements (beyond MiningSchema, Output, Targets, …). */
  readonly children: readonly string[];
  compile(setup: ModelSetup): ModelCore;
}

const COMMON_CHILDREN = ["MiningSchema", "Output", "ModelStats", "ModelExplanation", "Targets", "LocalTransformations", "ModelVerification"];

export const MODEL_ELEMENTS = [
  "TreeModel",
  "RegressionModel",
  "GeneralRegressionModel",
  "NeuralNetwork",
  "ClusteringModel",
  "NaiveBayesModel",
  "SupportVectorMachineModel",
  "MiningModel",
  "RuleSetModel",
  "Scorecard",
  "NearestNeighborModel",
] as const;

export const OTHER_MODEL_ELEMENTS = [
  "AssociationModel",
  "SequenceModel",
  "TextModel",
  "TimeSeriesModel",
  "BaselineModel",
  "BayesianNetworkModel",
  "GaussianProcessModel",
  "AnomalyDetectionModel",
];

const registry = new Map<string, ModelCompiler>();

export function registerModel(element: string, compiler: ModelCompiler): void {
  registry.set(element, compiler);
}

export function isModelElement(el: XmlElement): boolean {
  return registry.has(el.name) || OTHER_MODEL_ELEMENTS.includes(el.name);
}

const noFeatures: FeatureProvider = () => undefined;

export function compileModel(
  el: XmlElement,
  parent: Scope | null,
  ctx0: CompileContext,
  env: DocumentEnv,
  inherited?: { dataType: DataType; optype: OpType },
): CompiledModel {
  const compiler = registry.get(el.name);
  if (!compiler) throw unsupported(`model element ${el.name}`, el.path);
  checkChildren(el, [...COMMON_CHILDREN, ...compiler.children]);
  if (!booleanAttr(el, "isScorable", true)) throw invalid(`${el.name}@isScorable="false": the model is not meant to be scored`, el.path);
  const functionName = enumAttr(el, "functionName", MINING_FUNCTIONS, "regression");
  if (el.attr("functionName") === undefined) throw invalid(`${el.name} needs a functionName`, el.path);
  const ctx = withMathContext(ctx0, el);
  const label = el.attr("modelName") ? `${el.name} "${el.attr("modelName")}"` : el.name;

  const miningFields = readMiningSchema(requiredChild(el, "MiningSchema"));
  rejectUnsupportedUsage(miningFields);
  const inputScope = parent ? nestedScope(parent, miningFields, ctx, `MiningSchema of ${label}`) : topLevelScope(miningFields, env, ctx);
  const scope = withLocalTransformations(inputScope, el.child("LocalTransformations"), ctx, label);

  let targetNames: (string | null)[] = miningFields.filter((m) => m.usageType === "target" || m.usageType === "predicted").map((m) => m.name);
  const legacyTarget = el.attr("targetFieldName");
  if (targetNames.length === 0 && legacyTarget !== undefined) targetNames = [legacyTarget];
  if (targetNames.length === 0) targetNames = [null];
  const targetSpecs = readTargets(el.child("Targets"));
  for (const spec of targetSpecs) {
    if (spec.field !== null && !targetNames.includes(spec.field)) throw invalid(`Target@field="${spec.field}" is not a target of the model`, spec.element.path);
  }

  const targetType = (i: number): { dataType: DataType; optype: OpType } => {
    const name = targetNames[i]!;
    const mf = miningFields.find((m) => m.name === name);
    const df = name === null ? undefined : env.dataFields.get(name);
    const spec = targetSpecFor(targetSpecs, name, targetNames.length);
    const categorical = functionName === "classification" || functionName === "clustering";
    const synthetic = name === null ? inherited : undefined;
    const dataType = df?.dataType ?? synthetic?.dataType ?? (categorical ? "string" : "double");
    const optype = mf?.optype ?? (spec?.optype as OpType | undefined) ?? df?.optype ?? synthetic?.optype ?? (categorical ? "categorical" : "continuous");
    return { dataType, optype };
  };

  const target = (i: number, modelCategories: readonly Value[] = []): TargetInfo => {
    const name = targetNames[i]!;
    const { dataType, optype } = targetType(i);
    const df = name === null ? undefined : env.dataFields.get(name);
    const spec = targetSpecFor(targetSpecs, name, targetNames.length);
    const isCategorical = functionName === "classification" || functionName === "clustering" || (functionName === "mixed" && optype !== "continuous");
    const categories: Value[] = [];
    if (isCategorical) {
      const seen = new Set<Value>();
      for (const v of [...modelCategories, ...(df?.validValues ?? []), ...targetCategories(spec, dataType)]) {
        if (!seen.has(v)) {
          seen.add(v);
          categories.push(v);
        }
      }
    }
    const displayValues = new Map(df?.displayValues ?? []);
    for (const [k, v] of displayValuesOf(spec, dataType)) displayValues.set(k, v);
    return { name, dataType, optype, categories, displayValues };
  };

  const setup: ModelSetup = {
    el,
    functionName,
    scope,
    ctx,
    env,
    miningFields,
    targetNames,
    targetType,
    target,
    targetSpec: (i) => targetSpecFor(targetSpecs, targetNames[i] ?? null, targetNames.length),
    compileNested: (child, parentScope, inheritedType) => compileModel(child, parentScope, ctx, env, inheritedType),
  };
  const core = compiler.compile(setup);
  const posts = core.targets.map((t, i) => {
    let spec = targetSpecFor(targetSpecs, t.name, core.targets.length);
    if (spec && core.foldedRescaleConstant) spec = { ...spec, rescaleConstant: 0 };
    return { p: postProcessFor(spec, t, functionName, ctx), i };
  });
  const state = new ModelState(core.targets);
  const evaluateCore = core.evaluate;
  const active = posts.filter((x) => x.p !== undefined) as { p: PostProcess; i: number }[];
  const evaluate = (f: Frame): void => {
    state.reset(f.gen);
    evaluateCore(f, state);
    for (let k = 0; k < active.length; k++) active[k]!.p(state, active[k]!.i);
  };
  const features = core.features ?? noFeatures;
  const partial = { element: el.name, targets: core.targets, state, features, scope, segments: core.segments };
  const outputs = compileOutputs(el.child("Output"), partial, ctx, label);
  return {
    ...partial,
    functionName,
    modelName: el.attr("modelName"),
    outputScope: outputs.scope,
    outputFields: outputs.fields,
    nestedOutputFields: core.nestedOutputFields ? core.nestedOutputFields() : [],
    leafWalker: core.leafWalker && !el.child("Targets") && !el.child("Output") ? core.leafWalker : undefined,
    checkInputs: parent ? undefined : topLevelInputCheck(miningFields, inputScope, env),
    evaluate,
  };
}

function topLevelInputCheck(miningFields: readonly MiningFieldDef[], inputScope: Scope, env: DocumentEnv): BatchCheck | undefined {
  // The DataDictionary scope (the TransformationDictionary's parent) holds the prepared inputs.
  const inputs = inputScope.parent ?? inputScope;
  const bindings = miningFields
    .filter((m) => m.usageType === "active" && canBeInvalid(env.dataFields.get(m.name)!, m))
    .map((m) => inputs.lookup(m.name)!);
  return compileInputCheck(bindings);
}

function postProcessFor(spec: TargetSpec | undefined, t: TargetInfo, fn: MiningFunction, ctx: CompileContext): PostProcess | undefined {
  if (!spec) return undefined;
  if (t.categories.length > 0) return compileCategoricalTarget(spec, t.categories, t.dataType);
  if (fn === "clustering") return undefined;
  return compileContinuousTarget(spec, ctx.mathContext);
}
