/**
 * RegressionTable → a function from the row to the linear predictor (or null when a numeric
 * input is missing: "If the input value is missing, then the result evaluates to a missing
 * value"; a missing categorical input contributes nothing).
 *
 * Numeric predictors compile to parallel arrays of getters and coefficients, categorical ones to
 * one value → coefficient map per field.
 */
import { invalid } from "../../errors.js";
import type { Scope } from "../../fields/scope.js";
import { numberArg, type NumberGetter } from "../../functions/function.js";
import { fieldExpression } from "../../expressions/simple-expressions.js";
import type { Frame, Getter } from "../../runtime/frame.js";
import { isNumericType, parseTypedText, toTypedValue, type Value } from "../../types/values.js";
import { ColumnTable } from "../../predicates/column-tests.js";
import { numericColumn } from "../../runtime/numeric-column.js";
import { checkChildren, integerAttr, requiredAttr, requiredNumberAttr } from "../../xml/read.js";
import type { XmlElement } from "../../xml/xml-element.js";

export type LinearPredictor = (f: Frame) => number | null;

export function compileRegressionTable(el: XmlElement, scope: Scope, round?: (x: number) => number): LinearPredictor {
  checkChildren(el, ["NumericPredictor", "CategoricalPredictor", "PredictorTerm"]);
  const r = round ?? ((x: number) => x);
  const intercept = r(requiredNumberAttr(el, "intercept"));

  const numeric = el.childrenNamed("NumericPredictor").map((p) => {
    checkChildren(p, []);
    const b = scope.resolve(requiredAttr(p, "name"), p);
    return {
      get: numberArg(fieldExpression(b), p),
      column: numericColumn(b),
      coefficient: r(requiredNumberAttr(p, "coefficient")),
      exponent: integerAttr(p, "exponent", 1)!,
    };
  });
  // Plain numeric inputs are read from batch columns (see numeric-column.ts).
  const table = new ColumnTable();
  const columnar = numeric.filter((n) => n.exponent === 1 && n.column !== undefined);
  const colIndex = Int32Array.from(columnar, (n) => table.add(n.column!));
  const colCoef = Float64Array.from(columnar, (n) => n.coefficient);
  const simple = numeric.filter((n) => n.exponent === 1 && n.column === undefined);
  const powered = numeric.filter((n) => n.exponent !== 1);
  const sg: NumberGetter[] = simple.map((n) => n.get);
  const sc = Float64Array.from(simple, (n) => n.coefficient);

  // Categorical predictors, grouped by field: the matching value's coefficient is added.
  const byField = new Map<string, { get: Getter; coefficients: Map<Value, number> }>();
  for (const p of el.childrenNamed("CategoricalPredictor")) {
    checkChildren(p, []);
    const name = requiredAttr(p, "name");
    const b = scope.resolve(name, p);
    const text = requiredAttr(p, "value");
    let typed = parseTypedText(text, b.dataType);
    if ((typed === undefined || typed === null) && isNumericType(b.dataType)) typed = toTypedValue(text, "double");
    if (typed === undefined || typed === null) throw invalid(`CategoricalPredictor@value="${text}" is not a ${b.dataType}`, p.path);
    let group = byField.get(name);
    if (!group) byField.set(name, (group = { get: b.get, coefficients: new Map() }));
    if (!group.coefficients.has(typed)) group.coefficients.set(typed, r(requiredNumberAttr(p, "coefficient")));
  }
  const categorical = [...byField.values()];

  const terms = el.childrenNamed("PredictorTerm").map((t) => {
    checkChildren(t, ["FieldRef"]);
    const factors = t.childrenNamed("FieldRef").map((ref) => numberArg(fieldExpression(scope.resolve(requiredAttr(ref, "field"), ref)), ref));
    if (factors.length === 0) throw invalid("PredictorTerm needs FieldRef elements", t.path);
    return { factors, coefficient: r(requiredNumberAttr(t, "coefficient")) };
  });

  const n = sg.length;
  const nc = colIndex.length;
  if (n === 0 && powered.length === 0 && categorical.length === 0 && terms.length === 0 && !round) {
    // The common case (linear and logistic regression on numeric inputs): one tight loop over columns.
    return (f) => {
      const cols = table.all(f);
      const row = f.row;
      let sum = 0;
      for (let i = 0; i < nc; i++) {
        const x = cols[colIndex[i]!]![row]!;
        if (x !== x) return null;
        sum += colCoef[i]! * x;
      }
      return intercept !== 0 ? sum + intercept : sum;
    };
  }
  return (f) => {
    let sum = 0;
    if (nc > 0) {
      const cols = table.all(f);
      const row = f.row;
      for (let i = 0; i < nc; i++) {
        const x = cols[colIndex[i]!]![row]!;
        if (x !== x) return null;
        sum = r(sum + r(colCoef[i]! * x));
      }
    }
    for (let i = 0; i < n; i++) {
      const x = sg[i]!(f);
      if (x === null) return null;
      sum = r(sum + r(sc[i]! * x));
    }
    for (const p of powered) {
      const x = p.get(f);
      if (x === null) return null;
      sum = r(sum + r(p.coefficient * Math.pow(x, p.exponent)));
    }
    for (const c of categorical) {
      const v = c.get(f);
      if (v === null) continue;
      const k = c.coefficients.get(v);
      if (k !== undefined) sum = r(sum + k);
    }
    for (const t of terms) {
      let product = t.coefficient;
      for (const g of t.factors) {
        const x = g(f);
        if (x === null) return null;
        product *= x;
      }
      sum = r(sum + r(product));
    }
    return intercept !== 0 ? r(sum + intercept) : sum;
  };
}
