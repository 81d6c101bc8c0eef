/**
 * The 10-row example the hand-computed tests work on.
 *
 * | row | X1 | X2 | Y   |
 * |-----|----|----|-----|
 * |  1  |  1 | a  | no  |
 * |  2  |  2 | a  | no  |
 * |  3  |  3 | c  | no  |
 * |  4  |  4 | a  | no  |
 * |  5  |  5 | b  | yes |
 * |  6  |  6 | c  | yes |
 * |  7  |  7 | c  | yes |
 * |  8  |  8 | b  | no  |
 * |  9  |  9 | c  | yes |
 * | 10  | 10 | c  | yes |
 *
 * X2 by Y: a → no 3 / yes 0; b → no 1 / yes 1; c → no 1 / yes 4.
 */
import { categoricalColumn, continuousColumn, makeTrainingData, type TrainingData } from "../../../src/models/dataset.js";

export const X1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
export const X2 = ["a", "a", "c", "a", "b", "c", "c", "b", "c", "c"];
export const Y = ["no", "no", "no", "no", "yes", "yes", "yes", "no", "yes", "yes"];

export function tenRows(options: { withX1?: boolean; withX2?: boolean } = {}): TrainingData {
  const inputs = [];
  if (options.withX1 ?? true) inputs.push(continuousColumn("X1", X1, "integer"));
  if (options.withX2 ?? true) inputs.push(categoricalColumn("X2", X2));
  return makeTrainingData({ inputs, target: categoricalColumn("Y", Y, { measure: "flag" }), seed: 1 });
}

/** Stopping rules that let every node of the tiny example split. */
export const SMALL = { use_percentage: false, min_parent_records_abs: 2, min_child_records_abs: 1 } as const;
