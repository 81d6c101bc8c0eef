/**
 * C5.0 (Quinlan; C4.5 in Quinlan 1993): a decision tree grown by information gain ratio with
 * multiway categorical splits and fractional cases for unknown values, pruned by pessimistic
 * error estimates, optionally turned into a rule set and optionally boosted.
 *
 * Boosting follows AdaBoost.M1 as Quinlan (1996, "Bagging, boosting, and C4.5") applied it to
 * C4.5: trial t is grown on case weights w; with its weighted training error ε, β = ε/(1−ε),
 * correctly classified cases are multiplied by β and the weights renormalised; the trial
 * votes with weight ln(1/β). Boosting stops early when ε ≥ 0.5 (that trial is dropped unless
 * it is the first) or ε = 0 (that trial is kept, voting with ε taken as 10⁻⁶). C5.0's own
 * boosting differs in undocumented details; the result is a PMML MiningModel with
 * `weightedMajorityVote`.
 *
 * Options use Modeler's `c50node` names (NODES.md §6.1).
 */
import { baseWeights, type TrainingData } from "../dataset.js";
import { TrainingError, UnsupportedTrainingOptionError } from "../errors.js";
import { categoryText, pmmlDocument } from "../pmml-writer/fields.js";
import { ensemblePmml } from "../pmml-writer/mining-model.js";
import { ruleSetModelElement } from "../pmml-writer/ruleset-model.js";
import { treeModelElement, treePmml } from "../pmml-writer/tree-model.js";
import { serializeXml } from "../pmml-writer/xml.js";
import { checkpoint, type TrainingControl } from "../progress.js";
import type { ModelScores, TrainedModel } from "../trained-model.js";
import { weightedVote } from "../random-trees/train-random-trees.js";
import { presortInputs, rootSample, targetLabels } from "../tree/node-sample.js";
import { oneOf, positiveInteger } from "../tree/stopping.js";
import { countLeaves, describeColumn, numberNodes, treeDepth, type Tree } from "../tree/tree-types.js";
import { growC50, pruneC50 } from "./grow-c50.js";
import { scoreRuleSet, treeToRules, type RuleSet } from "./rules.js";
import { scoreC50Tree } from "./score-c50.js";

export interface C50Options extends TrainingControl {
  output_type?: "DecisionTree" | "RuleSet";
  group_symbolics?: boolean;
  use_boost?: boolean;
  boost_num_trials?: number;
  mode?: "Simple" | "Expert";
  favor?: "Accuracy" | "Generality";
  expected_noise?: number;
  min_child_records?: number;
  pruning_severity?: number;
  use_global_pruning?: boolean;
  use_winnowing?: boolean;
  use_costs?: boolean;
  use_xval?: boolean;
  model_name?: string;
}

/** One boosting trial (or the only model): a tree, or a rule set derived from it. */
export interface C50Member {
  readonly tree: Tree;
  readonly rules?: RuleSet;
  readonly weight: number;
  readonly trainingError: number;
}

export interface C50Model extends TrainedModel {
  readonly members: readonly C50Member[];
  readonly summary: { trials: number; nodes: number; leaves: number; depth: number; rules?: number };
}

const NAME = "C5.0";

function checkOptions(o: C50Options): void {
  if (o.use_winnowing) throw new UnsupportedTrainingOptionError(NAME, "use_winnowing", "attribute winnowing is not implemented");
  if (o.use_costs) throw new UnsupportedTrainingOptionError(NAME, "use_costs", "misclassification costs are not implemented for C5.0 (C&R Tree supports them)");
  if (o.use_xval) throw new UnsupportedTrainingOptionError(NAME, "use_xval", "the cross-validated accuracy estimate is not implemented");
  if (o.use_global_pruning === false) {
    throw new UnsupportedTrainingOptionError(NAME, "use_global_pruning=false", "pruning is one bottom-up pass of pessimistic subtree replacement over the whole tree; it cannot be limited to local pruning");
  }
  if ((o.mode ?? "Expert") === "Simple" && ((o.favor ?? "Accuracy") !== "Accuracy" || o.expected_noise !== undefined)) {
    throw new UnsupportedTrainingOptionError(NAME, o.favor === "Generality" ? "favor=Generality" : "expected_noise", "Simple mode's presets are not documented; use mode Expert with pruning_severity and min_child_records");
  }
}

export function trainC50(data: TrainingData, o: C50Options = {}): C50Model {
  checkOptions(o);
  const target = data.target;
  if (target.measure === "continuous") throw new TrainingError(`${NAME} needs a categorical target; "${target.name}" is continuous`);
  const outputType = oneOf(NAME, "output_type", o.output_type, ["DecisionTree", "RuleSet"], "DecisionTree");
  const minCases = o.min_child_records ?? 2;
  positiveInteger(NAME, "min_child_records", minCases, 1);
  const severity = o.pruning_severity ?? 75;
  if (!(severity >= 0 && severity < 100)) throw new TrainingError(`${NAME}: pruning_severity must be in [0, 100), not ${severity}`, { option: "pruning_severity" });
  const cf = 1 - severity / 100;
  const trials = o.use_boost ? (o.boost_num_trials ?? 10) : 1;
  positiveInteger(NAME, "boost_num_trials", trials, 1);

  const base = baseWeights(data);
  const total = base.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new TrainingError(`${NAME}: no training rows with a target value and positive weight`);
  const orders = presortInputs(data.inputs);
  const labels = targetLabels(target);
  const inputs = data.inputs.map(describeColumn);
  const targetInfo = describeColumn(target);
  const J = target.categories.length;
  const search = { data, classes: J, codes: target.codes, minCases, groupSymbolics: o.group_symbolics ?? false };
  const members: C50Member[] = [];
  const w = Float64Array.from(base);
  for (let t = 0; t < trials; t++) {
    checkpoint(o, { stage: "trials", done: t, total: trials });
    const root = growC50(search, rootSample(w, orders, data.inputs, labels), o, trials > 1 ? `trial ${t + 1}/${trials}` : "growing");
    pruneC50(root, cf);
    numberNodes(root);
    const tree: Tree = { algorithm: "C5", inputs, target: targetInfo, root, binary: false };
    const rules = outputType === "RuleSet" ? treeToRules(root, data, w, cf) : undefined;
    const scores = rules ? scoreRuleSet(rules, data.inputs, data.rowCount) : scoreC50Tree(tree, data.inputs, data.rowCount);
    let wrong = 0;
    let sum = 0;
    for (let i = 0; i < data.rowCount; i++) {
      if (!(w[i]! > 0)) continue;
      sum += w[i]!;
      if (scores.prediction[i] !== target.codes[i]) wrong += w[i]!;
    }
    const error = wrong / sum;
    if (trials === 1) {
      members.push({ tree, rules, weight: 1, trainingError: error });
      break;
    }
    if (error >= 0.5) {
      if (t === 0) members.push({ tree, rules, weight: 1, trainingError: error });
      break;
    }
    const beta = Math.max(error, 1e-6) / (1 - error);
    members.push({ tree, rules, weight: Math.log(1 / beta), trainingError: error });
    if (error === 0) break;
    let after = 0;
    for (let i = 0; i < data.rowCount; i++) {
      if (scores.prediction[i] === target.codes[i]) w[i] = w[i]! * beta;
      after += w[i]!;
    }
    for (let i = 0; i < data.rowCount; i++) w[i] = (w[i]! * total) / after;
  }
  checkpoint(o, { stage: "done", done: 1, total: 1 });
  const first = members[0]!;
  const memberScores = (m: C50Member, d: { inputs: TrainingData["inputs"]; rowCount: number }): ModelScores =>
    m.rules ? scoreRuleSet(m.rules, d.inputs, d.rowCount) : scoreC50Tree(m.tree, d.inputs, d.rowCount);
  const boosted = members.length > 1;
  return {
    algorithm: "C5", inputs, target: targetInfo, members,
    summary: {
      trials: members.length, nodes: numberNodes(first.tree.root), leaves: countLeaves(first.tree.root), depth: treeDepth(first.tree.root),
      rules: first.rules?.rules.length,
    },
    score: (d) => (boosted
      ? weightedVote(members.map((m) => memberScores(m, d).prediction), members.map((m) => m.weight), J, d.rowCount)
      : memberScores(first, d)),
    toPmml: () => {
      const output = { prefix: "C", probabilities: !first.rules && !boosted, confidenceFeature: boosted ? "probability" as const : "confidence" as const };
      if (boosted) {
        const segments = members.map((m) => (m.rules
          ? ruleSetModelElement(m.rules, inputs, targetInfo, { algorithmName: "C5" })
          : treeModelElement(m.tree, { algorithmName: "C5", missing: "weightedConfidence" })));
        return ensemblePmml(inputs, targetInfo, segments, members.map((m) => m.weight), { algorithmName: "C5", modelName: o.model_name, method: "weightedMajorityVote", output });
      }
      if (first.rules) {
        const model = ruleSetModelElement(first.rules, inputs, targetInfo, { algorithmName: "C5", modelName: o.model_name, output });
        return serializeXml(pmmlDocument([...inputs, targetInfo], "C5 model trained by modeler-batch", [model]));
      }
      return treePmml(first.tree, { algorithmName: "C5", modelName: o.model_name, missing: "weightedConfidence", output });
    },
  };
}

/** The class label of a code (for reports). */
export function c50ClassLabel(model: C50Model, code: number): string {
  return categoryText(model.target.categories![code]!);
}
