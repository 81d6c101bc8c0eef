/**
 * Storage (how a value is held), measurement level (how it is used in analysis) and role
 * (what a modelling node does with it). Modeler keeps the three apart; so do we.
 */

export const STORAGES = ["integer", "real", "string", "date", "time", "timestamp", "unknown"] as const;
export type Storage = (typeof STORAGES)[number];

/**
 * Measurement levels. `default` is Modeler's "not yet known" and `categorical` its
 * "Discrete": a categorical field whose flag/nominal resolution waits for data.
 */
export const MEASURES = ["default", "continuous", "categorical", "flag", "nominal", "ordinal", "typeless"] as const;
export type Measure = (typeof MEASURES)[number];

export const ROLES = ["input", "target", "both", "none", "partition", "split", "frequency", "recordid"] as const;
export type Role = (typeof ROLES)[number];

export function isNumericStorage(s: Storage): boolean {
  return s === "integer" || s === "real";
}

export function isDateTimeStorage(s: Storage): boolean {
  return s === "date" || s === "time" || s === "timestamp";
}

/** Modeler scripting spellings of storages (`custom_storage`, parameter storage, XML `storage`). */
const STORAGE_NAMES: Record<string, Storage> = {
  integer: "integer", int: "integer", long: "integer",
  real: "real", double: "real", float: "real",
  string: "string", str: "string",
  date: "date",
  time: "time",
  timestamp: "timestamp", datetime: "timestamp",
  unknown: "unknown",
};

export function parseStorage(name: string): Storage | undefined {
  return STORAGE_NAMES[name.trim().toLowerCase()];
}

/**
 * Scripting (`Range`, `Set`, `OrderedSet`, `Discrete`, ...) and newer (`Continuous`,
 * `Nominal`, `Ordinal`, `Categorical`) spellings, plus the internal XML names
 * (`range`, `set`, `orderedSet`) all map to one measure.
 */
const MEASURE_NAMES: Record<string, Measure> = {
  default: "default", unknown: "default",
  range: "continuous", continuous: "continuous",
  discrete: "categorical", categorical: "categorical",
  flag: "flag",
  set: "nominal", nominal: "nominal",
  orderedset: "ordinal", ordinal: "ordinal",
  typeless: "typeless",
};

export function parseMeasure(name: string): Measure | undefined {
  return MEASURE_NAMES[name.trim().toLowerCase().replace(/[\s_]/g, "")];
}

/** `in`/`out` are the internal XML names of Input/Target. */
const ROLE_NAMES: Record<string, Role> = {
  input: "input", in: "input",
  target: "target", out: "target", output: "target",
  both: "both",
  none: "none",
  partition: "partition",
  split: "split",
  frequency: "frequency",
  recordid: "recordid", id: "recordid",
};

export function parseRole(name: string): Role | undefined {
  return ROLE_NAMES[name.trim().toLowerCase().replace(/[\s_]/g, "")];
}

/** Modeler's scripting spelling of a storage (`Integer`, `Real`, ...), for documents and errors. */
export function storageLabel(s: Storage): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Modeler's classic scripting spelling of a measure (`Range`, `Set`, ...). */
export function measureScriptingName(m: Measure): string {
  switch (m) {
    case "continuous": return "Range";
    case "categorical": return "Discrete";
    case "nominal": return "Set";
    case "ordinal": return "OrderedSet";
    default: return m.charAt(0).toUpperCase() + m.slice(1);
  }
}

/** Modeler's scripting spelling of a role (`Input`, `Target`, `RecordID`, ...). */
export function roleScriptingName(r: Role): string {
  return r === "recordid" ? "RecordID" : r.charAt(0).toUpperCase() + r.slice(1);
}
