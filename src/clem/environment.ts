/**
 * What an expression is compiled against: the input fields, the stream's parameters and
 * settings, and the run's sources of randomness and time (injectable, so runs and tests repeat).
 */
import type { Schema } from "../data/schema.js";
import type { StreamSettings } from "../data/settings.js";
import type { Storage } from "../data/storage.js";
import type { Value } from "../data/values.js";

export interface ClemEnvironment {
  /** Input fields: names, storages, blank definitions. */
  schema: Schema;
  /** `'$P-name'` values, keyed by the name without `$P-`. */
  parameters?: ReadonlyMap<string, { storage: Storage; value: Value }>;
  /** Stream options; default `DEFAULT_SETTINGS`. */
  settings?: StreamSettings;
  /** Uniform numbers in [0, 1); default `seededRandom(expression text)`. */
  random?: () => number;
  /** The field `@FIELD` stands for (Derive multiple, Filler). */
  currentField?: string;
  /** The field being derived: `@OFFSET(name, n)` reads this expression's earlier outputs. */
  selfField?: { name: string; storage: Storage };
  /** Model and partition context of `@TARGET`, `@PREDICTED`, `@PARTITION_FIELD`, `@*_PARTITION`. */
  special?: {
    target?: string;
    predicted?: string;
    partitionField?: string;
    trainingPartition?: Value;
    testingPartition?: Value;
    validationPartition?: Value;
  };
  /** Values set by a Set Globals node, per field (`@GLOBAL_MAX(F)` ...). */
  globals?: ReadonlyMap<string, { max?: number; min?: number; mean?: number; sum?: number; sdev?: number }>;
  /** The clock of `@TODAY` and `datetime_now`; default `() => new Date()`. */
  now?: () => Date;
}
