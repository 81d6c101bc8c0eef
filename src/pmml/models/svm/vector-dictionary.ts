/**
 * SupportVectorMachineModel's VectorDictionary and kernels.
 *
 * VectorFields define the input vector: a FieldRef contributes the field's value, a
 * CategoricalPredictor its coefficient when the field equals its value (else 0). VectorInstances
 * hold the support vectors, as an Array or a REAL-/INT-SparseArray (1-based Indices, missing
 * entries 0).
 */
import { invalid, unsupported } from "../../errors.js";
import type { Scope } from "../../fields/scope.js";
import { numberArg } from "../../functions/function.js";
import { fieldExpression } from "../../expressions/simple-expressions.js";
import type { Frame } from "../../runtime/frame.js";
import { isNumericType, parseTypedText, toTypedValue } from "../../types/values.js";
import { checkChildren, integerAttr, numberArray, numberAttr, requiredAttr, requiredChild, tokenizeArray } from "../../xml/read.js";
import type { XmlElement } from "../../xml/xml-element.js";

export interface VectorDictionary {
  readonly size: number;
  /** Fills `x` with the record's vector; false when an input is missing. */
  readInput(f: Frame, x: Float64Array): boolean;
  readonly vectors: ReadonlyMap<string, Float64Array>;
}

export function readVectorDictionary(el: XmlElement, scope: Scope): VectorDictionary {
  checkChildren(el, ["VectorFields", "VectorInstance"]);
  const fieldsEl = requiredChild(el, "VectorFields");
  checkChildren(fieldsEl, ["FieldRef", "CategoricalPredictor"]);
  const readers: ((f: Frame) => number | null)[] = fieldsEl.contentChildren.map((c) => {
    const b = scope.resolve(requiredAttr(c, c.name === "FieldRef" ? "field" : "name"), c);
    if (c.name === "FieldRef") return numberArg(fieldExpression(b), c);
    const text = requiredAttr(c, "value");
    let value = parseTypedText(text, b.dataType);
    if ((value === undefined || value === null) && isNumericType(b.dataType)) value = toTypedValue(text, "double");
    if (value === undefined || value === null) throw invalid(`CategoricalPredictor@value="${text}" is not a ${b.dataType}`, c.path);
    const coefficient = numberAttr(c, "coefficient", 1);
    const g = b.get;
    return (f) => {
      const v = g(f);
      return v === null ? null : v === value ? coefficient : 0;
    };
  });
  const size = readers.length;
  const vectors = new Map<string, Float64Array>();
  for (const vi of el.childrenNamed("VectorInstance")) {
    checkChildren(vi, ["Array", "REAL-SparseArray", "INT-SparseArray"]);
    const id = requiredAttr(vi, "id");
    const content = vi.contentChildren[0];
    if (!content) throw invalid("VectorInstance needs an Array or a sparse array", vi.path);
    let v: Float64Array;
    if (content.name === "Array") {
      v = Float64Array.from(numberArray(content));
    } else {
      v = new Float64Array(integerAttr(content, "n", size)!);
      checkChildren(content, ["Indices", content.name === "INT-SparseArray" ? "INT-Entries" : "REAL-Entries"]);
      const indices = tokenizeArray(content.child("Indices")?.text ?? "").map(Number);
      const entriesEl = content.child("REAL-Entries") ?? content.child("INT-Entries");
      const entries = tokenizeArray(entriesEl?.text ?? "").map(Number);
      if (indices.length !== entries.length) throw invalid("sparse array Indices and Entries differ in length", content.path);
      indices.forEach((i, k) => {
        if (!(i >= 1 && i <= v.length)) throw invalid(`sparse array index ${i} is out of range`, content.path);
        v[i - 1] = entries[k]!;
      });
    }
    if (v.length !== size) throw invalid(`VectorInstance has ${v.length} values for ${size} vector fields`, vi.path);
    vectors.set(id, v);
  }
  return {
    size,
    vectors,
    readInput(f, x) {
      for (let i = 0; i < size; i++) {
        const v = readers[i]!(f);
        if (v === null) return false;
        x[i] = v;
      }
      return true;
    },
  };
}

export type Kernel = (x: Float64Array, y: Float64Array) => number;

export const KERNEL_ELEMENTS = ["LinearKernelType", "PolynomialKernelType", "RadialBasisKernelType", "SigmoidKernelType"];

function dot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * y[i]!;
  return s;
}

export function readKernel(model: XmlElement): Kernel {
  const el = model.children.find((c) => KERNEL_ELEMENTS.includes(c.name));
  if (!el) throw invalid("SupportVectorMachineModel needs a kernel type", model.path);
  checkChildren(el, []);
  switch (el.name) {
    case "LinearKernelType":
      return dot;
    case "PolynomialKernelType": {
      const gamma = numberAttr(el, "gamma", 1);
      const coef0 = numberAttr(el, "coef0", 1);
      const degree = numberAttr(el, "degree", 1);
      return (x, y) => Math.pow(gamma * dot(x, y) + coef0, degree);
    }
    case "RadialBasisKernelType": {
      const gamma = numberAttr(el, "gamma", 1);
      return (x, y) => {
        let s = 0;
        for (let i = 0; i < x.length; i++) {
          const d = x[i]! - y[i]!;
          s += d * d;
        }
        return Math.exp(-gamma * s);
      };
    }
    case "SigmoidKernelType": {
      const gamma = numberAttr(el, "gamma", 1);
      const coef0 = numberAttr(el, "coef0", 1);
      return (x, y) => Math.tanh(gamma * dot(x, y) + coef0);
    }
    default:
      throw unsupported(`kernel ${el.name}`, el.path);
  }
}
