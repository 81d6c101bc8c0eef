/**
 * The scripting type a Modeler node class loads as.
 *
 * A class with an evaluator and a property mapping loads as that evaluator's type; so does an
 * extension node (`CFBuildModelNode` with `extensionID` / `extensionObjectID`) whose extension
 * a registered type declares (`modelerExtensions`, e.g. the Neural Net builder's
 * `spss.neuralnet-extension/neuralnet`). Every other class loads too, so that `inspect` shows
 * the whole stream and a run fails (naming the class) only when it needs the node: it gets Modeler's scripting name where known
 * (`DataAuditNode` → `dataaudit`, nuggets `apply…`), else the lower-cased class name, which is
 * Modeler's "properties name" form (`TimeIntervalsNode` → `timeintervalsnode`).
 */
import type { FiElement } from "../fastinfoset/types.js";
import type { NodeRegistry } from "../../nodes/registry.js";
import { attr, at, childText } from "../xml/dom.js";

/** Scripting names of classes the engine has no evaluator for (NODES.md and the scripting guide). */
const SCRIPTING_NAMES: Readonly<Record<string, string>> = {
  DataAuditNode: "dataaudit",
  DistributionNode: "distribution",
  AnalysisNode: "analysis",
  HistogramNode: "histogram",
  ScatterPlotNode: "plot",
  MultiPlotNode: "multiplot",
  TimePlotNode: "timeplot",
  WebNode: "web",
  CollectionNode: "collection",
  GraphBoardNode: "graphboard",
  EvaluationNode: "evaluation",
  MatrixNode: "matrix",
  StatisticsNode: "statistics",
  MeansNode: "means",
  AutoDataPrepNode: "autodataprep",
  TimeIntervalsNode: "timeintervals",
  RFMAggregateNode: "rfmaggregate",
  TransposeNode: "transpose",
  AnonymizeNode: "anonymize",
  ExcelInputNode: "excelimport",
  SPSSInputNode: "statisticsimport",
  ExcelNode: "excelexport",
  SPSSExportNode: "statisticsexport",
  DatabaseImportNode: "database",
  DatabaseExportNode: "databaseexport",
  BuildC5RuleNode: "c50",
  ApplyC5RuleNode: "applyc50",
  BuildChaidRuleNode: "chaid",
  ApplyChaidRuleNode: "applychaid",
  BuildCartRuleNode: "cart",
  ApplyCartRuleNode: "applycart",
  BuildLogisticNode: "logreg",
  ApplyLogisticNode: "applylogreg",
  BuildRegressionNode: "regression",
  ApplyRegressionNode: "applyregression",
  BuildKMeansNode: "kmeans",
  ApplyKMeansNode: "applykmeans",
  BuildAprioriNode: "apriori",
  ApplyAprioriNode: "applyapriori",
  BuildBinaryClassifierNode: "autoclassifier",
  ApplyAutoClassifierNode: "applyautoclassifier",
  BuildNumericClassifierNode: "autonumeric",
  ApplyNumericPredictorNode: "applyautonumeric",
  BuildFeatureSelectionNode: "featureselection",
  ApplyFeatureSelectionNode: "applyfeatureselection",
  BuildDecisionListNode: "decisionlist",
  BuildTimeSeriesNode: "timeseries",
  ApplyTimeSeriesNode: "applytimeseries",
};

/**
 * Scripting names of extension and CF builders, by `extensionID` (and, for trees,
 * `extensionObjectID`), for the ones no registered type reads (`svm`, `bayesnet`). A name a
 * registered type uses (`neuralnetwork` for a Neural Net whose settings member cannot be read,
 * `knn` for an `ExtensionBuildModelNode`) gives way to the class name, as below; the extensions
 * that are read are declared by their types (`modelerExtensions`).
 */
const EXTENSION_BUILDERS: Readonly<Record<string, string>> = {
  "spss.tree-extension/Cart": "cart",
  "spss.tree-extension/Chaid": "chaid",
  "spss.tree-extension/QUEST": "quest",
  "spss.neuralnet-extension": "neuralnetwork",
  "spss.alm-extension": "linear",
  "spss.svm_id": "svm",
  "spss.KNN_id": "knn",
  "spss.bayesian_id": "bayesnet",
};

const SUPERNODE_TYPES: Readonly<Record<string, string>> = { manipulation: "process_supernode", source: "source_supernode", terminal: "terminal_supernode" };

/** `com.spss.clementine.component.node.DeriveNode` → `DeriveNode`. */
export function shortClassName(cls: string): string {
  return cls.slice(cls.lastIndexOf(".") + 1);
}

export interface ClassType {
  readonly type: string;
  /** True when the registry has an evaluator and a mapping for the class. */
  readonly mapped: boolean;
  /** Set when the class has an evaluator but no `.str` mapping (it must not run with defaults). */
  readonly unmappedEvaluator?: string;
  /** Set when the type was found by the node's extension: the `Parameters` member to read its settings from. */
  readonly parametersMember?: string;
}

export function typeForClass(node: FiElement, registry: NodeRegistry): ClassType {
  const cls = shortClassName(attr(node, "class") ?? "");
  const extensionId = attr(node, "extensionID");
  const objectId = attr(node, "extensionObjectID");
  const byExtension = extensionId !== undefined && objectId !== undefined ? registry.forModelerExtension(extensionId, objectId) : undefined;
  if (byExtension?.modeler) return { type: byExtension.type, mapped: true, parametersMember: attr(node, "properties") ?? "" };
  const def = registry.forModelerClass(cls);
  if (def?.modeler) return { type: def.type, mapped: true };
  return unmappedType(node, cls, registry);
}

/** The type of a class no mapping reads (see the module comment). */
export function unmappedType(node: FiElement, cls: string, registry: NodeRegistry): ClassType {
  const def = registry.forModelerClass(cls);
  const derived = cls.toLowerCase() || "unknown";
  const known = knownScriptingName(node, cls);
  // A known name that some evaluator uses for another class would make that evaluator run this node.
  const type = known && !registry.has(known) ? known : derived;
  return def ? { type: derived, mapped: false, unmappedEvaluator: def.type } : { type, mapped: false };
}

function knownScriptingName(node: FiElement, cls: string): string | undefined {
  if (cls === "MutableSuperNode") return SUPERNODE_TYPES[childText(at(node, "properties"), "superNodeType") ?? ""] ?? "supernode";
  const ext = attr(node, "extensionID") ?? attr(node, "modelBuilderExtensionID");
  if (ext && /^(CF|Extension)(Build|Apply)ModelNode$/.test(cls)) {
    const object = attr(node, "modelBuilderExtensionObjectID") ?? attr(node, "extensionObjectID") ?? "";
    const builder = EXTENSION_BUILDERS[`${ext}/${object}`] ?? EXTENSION_BUILDERS[ext];
    if (!builder) return undefined;
    return cls.includes("Apply") ? `apply${builder}` : builder;
  }
  return SCRIPTING_NAMES[cls];
}

/** Classes that hold a model (nuggets). */
export function isNuggetClass(cls: string): boolean {
  return /^(Apply|CFApplyModelNode$|ExtensionApplyModelNode$)/.test(cls);
}

/** Classes that build a model. */
export function isBuilderClass(cls: string): boolean {
  return /^(Build|CFBuildModelNode$|ExtensionBuildModelNode$)/.test(cls);
}
