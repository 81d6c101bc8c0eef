/**
 * GeneralRegressionModel's design: the value x_p of each Parameter for the current record, from
 * the PPMatrix. A parameter's x is the product over its PPCells of
 * - for a factor: 1 if the field equals the cell's value, else 0 (or, with a contrast matrix,
 *   the matrix entry at the field's category row and the cell's category column);
 * - for a covariate: the field's value raised to the cell's value (the exponent).
 * A parameter without PPCells (the intercept) is 1. A missing predictor makes x missing (null),
 * unless a factor already made the product 0.
 */
import { invalid, unsupported } from "../../errors.js";
import type { FieldBinding, Scope } from "../../fields/scope.js";
import type { Frame, Getter } from "../../runtime/frame.js";
import { isNumericType, parseTypedText, toTypedValue, type Value } from "../../types/values.js";
import { checkChildren, numberArray, requiredAttr } from "../../xml/read.js";
import type { XmlElement } from "../../xml/xml-element.js";

export type ParameterValue = (f: Frame) => number | null;

interface Factor {
  get: Getter;
  /** Index of the record's value among the contrast categories, or equality with `level`. */
  level: Value;
  contrast?: { categories: Map<Value, number>; matrix: number[][]; column: number };
}

interface Covariate {
  get: Getter;
  exponent: number;
}

function typed(text: string, b: FieldBinding, el: XmlElement): Value {
  let v = parseTypedText(text, b.dataType);
  if ((v === undefined || v === null) && isNumericType(b.dataType)) v = toTypedValue(text, "double");
  if (v === undefined || v === null) throw invalid(`value "${text}" is not a ${b.dataType} (field "${b.name}")`, el.path);
  return v;
}

interface PredictorInfo {
  kind: "factor" | "covariate";
  binding: FieldBinding;
  contrast?: { categories: Map<Value, number>; matrix: number[][] };
}

function readPredictors(el: XmlElement, scope: Scope): Map<string, PredictorInfo> {
  const out = new Map<string, PredictorInfo>();
  for (const [listName, kind] of [
    ["FactorList", "factor"],
    ["CovariateList", "covariate"],
  ] as const) {
    const list = el.child(listName);
    if (!list) continue;
    checkChildren(list, ["Predictor"]);
    for (const p of list.childrenNamed("Predictor")) {
      checkChildren(p, ["Categories", "Matrix"]);
      const name = requiredAttr(p, "name");
      const binding = scope.resolve(name, p);
      let contrast: PredictorInfo["contrast"];
      if (p.attr("contrastMatrixType") !== undefined || p.child("Matrix")) {
        const cats = p.child("Categories");
        const matrixEl = p.child("Matrix");
        if (!cats || !matrixEl) throw invalid("a contrast matrix needs Categories and Matrix", p.path);
        checkChildren(cats, ["Category"]);
        const categories = new Map(cats.childrenNamed("Category").map((c, i) => [typed(requiredAttr(c, "value"), binding, c), i]));
        checkChildren(matrixEl, ["Array", "MatCell"]);
        if (matrixEl.child("MatCell")) throw unsupported("a contrast Matrix given by MatCell elements", matrixEl.path);
        const matrix = matrixEl.childrenNamed("Array").map((a) => numberArray(a));
        contrast = { categories, matrix };
      }
      out.set(name, { kind, binding, contrast });
    }
  }
  return out;
}

/** Compiles the PPMatrix: parameter name → x_p getter, for the cells of one target category (or all). */
export function compileDesign(el: XmlElement, scope: Scope, forCategory?: (text: string | undefined) => boolean): Map<string, ParameterValue> {
  const predictors = readPredictors(el, scope);
  const pp = el.child("PPMatrix");
  const byParameter = new Map<string, { factors: Factor[]; covariates: Covariate[] }>();
  if (pp) {
    checkChildren(pp, ["PPCell"]);
    for (const cell of pp.childrenNamed("PPCell")) {
      if (forCategory && !forCategory(cell.attr("targetCategory"))) continue;
      const name = requiredAttr(cell, "predictorName");
      const parameter = requiredAttr(cell, "parameterName");
      const info = predictors.get(name);
      if (!info) throw invalid(`PPCell@predictorName="${name}" is neither a factor nor a covariate`, cell.path);
      let entry = byParameter.get(parameter);
      if (!entry) byParameter.set(parameter, (entry = { factors: [], covariates: [] }));
      const text = requiredAttr(cell, "value");
      if (info.kind === "factor") {
        const level = typed(text, info.binding, cell);
        let contrast: Factor["contrast"];
        if (info.contrast) {
          const column = info.contrast.categories.get(level);
          if (column === undefined) throw invalid(`PPCell@value="${text}" is not a category of the contrast matrix`, cell.path);
          contrast = { ...info.contrast, column };
        }
        entry.factors.push({ get: info.binding.get, level, contrast });
      } else {
        const exponent = Number(text);
        if (Number.isNaN(exponent)) throw invalid(`covariate PPCell@value="${text}" is not an exponent`, cell.path);
        entry.covariates.push({ get: info.binding.get, exponent });
      }
    }
  }
  const out = new Map<string, ParameterValue>();
  for (const [parameter, { factors, covariates }] of byParameter) {
    out.set(parameter, (f) => {
      let product = 1;
      for (const factor of factors) {
        const v = factor.get(f);
        if (v === null) return null;
        if (factor.contrast) {
          const row = factor.contrast.categories.get(v);
          const m = row === undefined ? undefined : factor.contrast.matrix[row]?.[factor.contrast.column];
          if (m === undefined) return null;
          product *= m;
        } else if (v !== factor.level) product = 0;
      }
      if (product === 0) return 0;
      for (const c of covariates) {
        const v = c.get(f);
        if (v === null) return null;
        const x = typeof v === "number" ? v : Number(v);
        product *= c.exponent === 1 ? x : Math.pow(x, c.exponent);
      }
      return product;
    });
  }
  return out;
}

