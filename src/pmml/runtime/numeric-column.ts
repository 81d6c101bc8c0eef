/**
 * Numeric fields a whole batch at a time, as a Float64Array with NaN for missing.
 *
 * The hot models (trees, regressions, neural networks, their ensembles) read their numeric inputs
 * from these columns instead of calling a getter per value: a column is prepared once per batch
 * and shared by every model that reads the field (all the trees of a forest). A plain double input
 * given as a Float64Array is used as it is; other inputs are prepared in one tight loop; a pure
 * derived field (one that depends only on the outside fields) is evaluated row by row ahead of
 * the scoring loop. Only pure numeric fields have a column; the others keep their getter.
 *
 * An invalid input met while preparing a column (invalidValueTreatment="returnInvalid") does not
 * stop the batch: its row reads NaN here and the error is recorded in `frame.rowErrors`, and the
 * scoring loop reports it for that row.
 */
import { PmmlError } from "../errors.js";
import type { FieldBinding } from "../fields/scope.js";
import { Frame, type Getter } from "./frame.js";

export type NumericColumn = (f: Frame) => Float64Array;

const providers = new WeakMap<FieldBinding, NumericColumn>();
const scratchFrames = new WeakMap<Frame, Frame>();

/** A frame over the same columns as `f`, for evaluating rows ahead. */
function scratchFor(f: Frame): Frame {
  let s = scratchFrames.get(f);
  if (!s) scratchFrames.set(f, (s = new Frame(f.layout)));
  if (s.batch !== f.batch) {
    for (let i = 0; i < f.columns.length; i++) s.bind(i, f.columns[i]);
    s.batch = f.batch;
    s.length = f.length;
  }
  return s;
}

function isNumeric(b: FieldBinding): boolean {
  return b.dataType === "double" || b.dataType === "float" || b.dataType === "integer";
}

export function recordError(f: Frame, row: number, e: unknown): void {
  if (!(e instanceof PmmlError) || e.code !== "PMML_INVALID_VALUE") throw e;
  (f.rowErrors ??= [])[row] = e;
}

/** A pure derived field's column: its values for the rows of batch `batch`. */
interface DerivedColumn {
  readonly get: Getter;
  batch: number;
  buffer: Float64Array;
}

const derivedColumns = new WeakMap<NumericColumn, DerivedColumn>();

/**
 * Evaluates derived columns row by row, all of them for a row before the next row: fields of one
 * row share work (a common sub-field is computed once per row; 500 term counts over one text
 * normalise it once per row), which filling column after column would repeat for every field.
 */
function fillDerivedColumns(columns: readonly DerivedColumn[], f: Frame): void {
  const n = f.length;
  for (const c of columns) {
    if (c.buffer.length < n) c.buffer = new Float64Array(Math.max(n, c.buffer.length * 2));
    c.batch = f.batch;
  }
  // Other rows are evaluated in a frame of their own: the scoring frame stays on its row.
  const scratch = scratchFor(f);
  const k = columns.length;
  for (let r = 0; r < n; r++) {
    scratch.next(r);
    for (let j = 0; j < k; j++) {
      const c = columns[j]!;
      try {
        const v = c.get(scratch);
        c.buffer[r] = typeof v === "number" ? v : NaN;
      } catch (e) {
        recordError(f, r, e);
        c.buffer[r] = NaN;
      }
    }
  }
}

/** Prepares, in one pass over the rows, the derived columns among `providers` not yet filled for `f`'s batch. */
export function prepareColumns(providers: readonly NumericColumn[], f: Frame): void {
  const stale: DerivedColumn[] = [];
  for (const p of providers) {
    const d = derivedColumns.get(p);
    if (d && d.batch !== f.batch) stale.push(d);
  }
  if (stale.length > 1) fillDerivedColumns(stale, f);
}

/** The batch column of a pure numeric field, or undefined when the field has none. */
export function numericColumn(b: FieldBinding): NumericColumn | undefined {
  if (!b.pure || !isNumeric(b)) return undefined;
  const cached = providers.get(b);
  if (cached) return cached;
  let batch = -1;
  let buffer: Float64Array = new Float64Array(0);
  let current: Float64Array = buffer;
  const ensure = (n: number): Float64Array => {
    if (buffer.length < n) buffer = new Float64Array(Math.max(n, buffer.length * 2));
    return buffer;
  };
  const source = b.source;
  let provider: NumericColumn;
  if (source) {
    const { column, prepare, numbersPassThrough } = source;
    provider = (f) => {
      if (batch === f.batch) return current;
      batch = f.batch;
      const raw = f.columns[column]!;
      const n = f.length;
      if (numbersPassThrough && raw instanceof Float64Array && raw.length >= n) return (current = raw);
      const out = ensure(n);
      for (let r = 0; r < n; r++) {
        const v = raw[r];
        if (numbersPassThrough && typeof v === "number") {
          out[r] = v;
          continue;
        }
        try {
          const p = prepare(v);
          out[r] = typeof p === "number" ? p : NaN;
        } catch (e) {
          recordError(f, r, e);
          out[r] = NaN;
        }
      }
      return (current = out);
    };
  } else {
    const get = b.get;
    const derived: DerivedColumn = { get, batch: -1, buffer: new Float64Array(0) };
    provider = (f) => {
      if (derived.batch !== f.batch) fillDerivedColumns([derived], f);
      return derived.buffer;
    };
    derivedColumns.set(provider, derived);
  }
  providers.set(b, provider);
  return provider;
}
