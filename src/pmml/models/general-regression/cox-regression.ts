/**
 * GeneralRegressionModel modelType="CoxRegression": the predicted value is the cumulative hazard
 * H(t) = H₀(t)·exp(Σβ·x − Σβ·referencePoint) at t = endTimeVariable.
 *
 * H₀(t) is the cumHazard of the BaselineCell with the largest time not above t, in the
 * BaselineStratum of the record's baselineStrataVariable value (or the single table). Before the
 * first cell time H is 0; after the stratum's maxTime, or for a stratum the table lacks, there is
 * no prediction.
 */
import { invalid } from "../../errors.js";
import { numberArg } from "../../functions/function.js";
import { fieldExpression } from "../../expressions/simple-expressions.js";
import type { Frame } from "../../runtime/frame.js";
import { parseTypedText, type Value } from "../../types/values.js";
import { checkChildren, numberAttr, requiredAttr, requiredChild, requiredNumberAttr } from "../../xml/read.js";
import type { XmlElement } from "../../xml/xml-element.js";
import type { ModelCore, ModelSetup } from "../compile-model.js";
import { compileDesign } from "./design-row.js";
import { linearPredictor, readParamMatrix } from "./general-regression-model.js";

interface BaselineTable {
  readonly times: Float64Array;
  readonly hazards: Float64Array;
  readonly maxTime: number;
}

function readCells(el: XmlElement): BaselineTable {
  checkChildren(el, ["BaselineCell"]);
  const cells = el
    .childrenNamed("BaselineCell")
    .map((c) => ({ time: requiredNumberAttr(c, "time"), hazard: requiredNumberAttr(c, "cumHazard") }))
    .sort((a, b) => a.time - b.time);
  return {
    times: Float64Array.from(cells, (c) => c.time),
    hazards: Float64Array.from(cells, (c) => c.hazard),
    maxTime: requiredNumberAttr(el, "maxTime"),
  };
}

function baselineHazard(table: BaselineTable, t: number): number | null {
  if (t > table.maxTime) return null;
  const { times, hazards } = table;
  if (times.length === 0 || t < times[0]!) return 0;
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return hazards[lo]!;
}

export function compileCoxRegression(setup: ModelSetup): ModelCore {
  const { el, scope } = setup;
  if (setup.functionName !== "regression") throw invalid("a CoxRegression model has functionName regression", el.path);
  const endTime = numberArg(fieldExpression(scope.resolve(requiredAttr(el, "endTimeVariable"), el)), el);
  const cells = readParamMatrix(el).filter((c) => c.targetCategory === undefined);
  const eta = linearPredictor(cells, compileDesign(el, scope));

  const params = el.child("ParameterList");
  const reference = new Map<string, number>();
  if (params) {
    checkChildren(params, ["Parameter"]);
    for (const p of params.childrenNamed("Parameter")) reference.set(requiredAttr(p, "name"), numberAttr(p, "referencePoint", 0));
  }
  let s = 0;
  for (const c of cells) s += c.beta * (reference.get(c.parameter) ?? 0);

  const tables = requiredChild(el, "BaseCumHazardTables");
  checkChildren(tables, ["BaselineStratum", "BaselineCell"]);
  const strataVariable = el.attr("baselineStrataVariable");
  let tableFor: (f: Frame) => BaselineTable | undefined;
  if (strataVariable !== undefined) {
    const b = scope.resolve(strataVariable, el);
    const strata = new Map<Value, BaselineTable>();
    for (const st of tables.childrenNamed("BaselineStratum")) {
      const v = parseTypedText(requiredAttr(st, "value"), b.dataType);
      if (v === undefined || v === null) throw invalid(`BaselineStratum@value is not a ${b.dataType}`, st.path);
      strata.set(v, readCells(st));
    }
    tableFor = (f) => {
      const v = b.get(f);
      return v === null ? undefined : strata.get(v);
    };
  } else {
    const single = readCells(tables);
    tableFor = () => single;
  }

  return {
    targets: [setup.target(0)],
    evaluate: (f, state) => {
      const table = tableFor(f);
      if (!table) return;
      const t = endTime(f);
      if (t === null) return;
      const h0 = baselineHazard(table, t);
      if (h0 === null) return;
      if (t < (table.times[0] ?? Infinity)) {
        state.values[0] = 0;
        return;
      }
      const r = eta(f);
      if (r === null) return;
      state.values[0] = Math.exp(r - s) * h0;
    },
  };
}
