/**
 * NearestNeighborModel's TrainingInstances, read once at load time into typed columns.
 *
 * KNN inputs are computed for each training row the same way as for a scored record: the
 * training table's columns are bound as the model's outside fields in a frame of their own, so
 * DataField preparation and any DerivedField (NormContinuous, NormDiscrete, …) that a KNNInput
 * names apply to the training data exactly as they do to new records, whether or not the table is
 * already transformed (a column for the KNNInput's own field is used directly when present).
 */
import { invalid } from "../../errors.js";
import { readTableOf, cell } from "../../expressions/inline-table.js";
import type { FieldBinding } from "../../fields/scope.js";
import { Frame, type FrameLayout } from "../../runtime/frame.js";
import { castValue, parseTypedText, type Value } from "../../types/values.js";
import { checkChildren, requiredAttr, requiredChild } from "../../xml/read.js";
import type { XmlElement } from "../../xml/xml-element.js";

export interface TrainingData {
  readonly rows: number;
  /** KNN input values per row (row-major: rows × inputs). */
  readonly inputs: Value[][];
  /** Target values per target, per row. */
  readonly targets: Value[][];
  /** Entity id per row: the instanceIdVariable column, else the 1-based row number. */
  readonly ids: string[];
}

export function readTrainingInstances(
  el: XmlElement,
  layout: FrameLayout,
  inputs: readonly FieldBinding[],
  targets: readonly { name: string | null; dataType: FieldBinding["dataType"] }[],
  idVariable: string | undefined,
): TrainingData {
  checkChildren(el, ["InstanceFields", "InlineTable", "TableLocator"]);
  const fieldsEl = requiredChild(el, "InstanceFields");
  checkChildren(fieldsEl, ["InstanceField"]);
  const columnOf = new Map<string, string>();
  for (const f of fieldsEl.childrenNamed("InstanceField")) columnOf.set(requiredAttr(f, "field"), f.attr("column") ?? requiredAttr(f, "field"));
  const table = readTableOf(el).rows;
  const rows = table.length;
  const texts = (field: string): (string | null)[] | undefined => {
    const column = columnOf.get(field);
    if (column === undefined) return undefined;
    return table.map((r) => {
      const v = cell(r, column);
      return v === undefined ? null : v.trim() === "" ? null : v;
    });
  };

  // A frame whose outside fields are the training table's columns.
  const frame = new Frame(layout);
  for (const [field] of columnOf) {
    const index = layout.inputNames.indexOf(field);
    if (index >= 0) frame.bind(index, texts(field)!);
  }
  const values: Value[][] = Array.from({ length: rows }, () => new Array<Value>(inputs.length).fill(null));
  inputs.forEach((b, j) => {
    const direct = texts(b.name);
    for (let r = 0; r < rows; r++) {
      if (direct && !b.dataField) {
        // An already transformed column of a derived input.
        const t = direct[r];
        const v = t === null || t === undefined ? null : parseTypedText(t, b.dataType);
        values[r]![j] = v === undefined ? null : v;
      } else {
        frame.next(r);
        values[r]![j] = b.get(frame);
      }
    }
  });

  const targetValues = targets.map((t) => {
    if (t.name === null) return new Array<Value>(rows).fill(null);
    const column = texts(t.name);
    if (!column) throw invalid(`TrainingInstances have no column for target "${t.name}"`, el.path);
    return column.map((text) => {
      if (text === null) return null;
      const v = parseTypedText(text, t.dataType) ?? castValue(text, "string", t.dataType);
      if (v === undefined) throw invalid(`training value "${text}" of "${t.name}" is not a ${t.dataType}`, el.path);
      return v;
    });
  });

  let ids = Array.from({ length: rows }, (_, r) => String(r + 1));
  if (idVariable !== undefined) {
    const column = texts(idVariable);
    if (!column) throw invalid(`TrainingInstances have no column for instanceIdVariable "${idVariable}"`, el.path);
    ids = column.map((t, r) => t ?? String(r + 1));
  }
  return { rows, inputs: values, targets: targetValues, ids };
}
