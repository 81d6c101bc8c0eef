/**
 * Which fields a builder trains on, decided before any record is read (NODES.md §6.0):
 *
 * - `custom_fields: true`: `target` (or Neural Net's `targets`) and `inputs` of the node;
 * - otherwise the roles the upstream Type node (or a source's Types tab) set: the fields whose
 *   role is Target, and those whose role is Input. Role Both is an association-model role and
 *   is not used by these builders;
 * - the partition field: `partition`, else the field whose role is Partition;
 * - frequency weights: `use_frequency` + `frequency_field`, else (roles) the field whose role is
 *   Frequency;
 * - split fields (`splits`, or role Split) with `use_split_data`, and analysis weights
 *   (`use_weight` + `weight_field`), are refused by name: one model per split and weighted
 *   least squares are not implemented.
 *
 * Measures that are already known are checked here (a continuous target for C5.0, a nominal one
 * for Regression, a typeless input); the rest is checked when the values have been read.
 */
import type { Field } from "../../../data/field.js";
import type { Schema } from "../../../data/schema.js";
import { isDateTimeStorage, isNumericStorage } from "../../../data/storage.js";
import type { NodeContext } from "../../definition.js";
import { NodePropertyError } from "../../properties.js";
import { ModelFieldError } from "./errors.js";

export interface TargetRule {
  /** `one` target (most builders), `many` (Neural Net's `targets`), or `none` (K-Means). */
  readonly count: "one" | "many" | "none";
  /** Measures the target may have. */
  readonly measures: "categorical" | "continuous" | "any";
}

export interface FieldSelection {
  readonly targets: readonly string[];
  readonly inputs: readonly string[];
  readonly partition?: string;
  readonly frequency?: string;
}

export function selectFields(ctx: NodeContext, schema: Schema, rule: TargetRule): FieldSelection {
  const p = ctx.props;
  const node = ctx.node;
  const where = (property: string) => `property "${property}" of node "${node.id}" (${node.type})`;
  const custom = p.bool("custom_fields");
  let targets: string[];
  let inputs: string[];
  if (custom) {
    const listed = rule.count === "many" && p.list<string>("targets").length > 0 ? p.list<string>("targets") : p.str("target") !== "" ? [p.str("target")] : [];
    targets = rule.count === "none" ? [] : listed;
    inputs = p.list<string>("inputs");
    if (rule.count !== "none" && targets.length === 0) {
      throw new NodePropertyError(`node "${node.id}" (${node.type}) has custom_fields set but no target; set target`, { node: node.id, nodeType: node.type, property: "target" });
    }
    if (inputs.length === 0) {
      throw new NodePropertyError(`node "${node.id}" (${node.type}) has custom_fields set but no inputs; set inputs`, { node: node.id, nodeType: node.type, property: "inputs" });
    }
    targets.forEach((t) => schema.require(t, where(rule.count === "many" && p.list("targets").length > 0 ? "targets" : "target")));
    inputs.forEach((i) => schema.require(i, where("inputs")));
  } else {
    targets = rule.count === "none" ? [] : schema.withRole("target").map((f) => f.name);
    inputs = schema.withRole("input").map((f) => f.name);
    if (rule.count !== "none" && targets.length === 0) {
      throw new ModelFieldError(`no field has the role Target: set one with a Type node (direction) or set custom_fields and target`, { property: "custom_fields" });
    }
    if (rule.count === "one" && targets.length > 1) {
      throw new ModelFieldError(`${targets.length} fields have the role Target (${targets.map((t) => `"${t}"`).join(", ")}); this builder takes one: leave one Target in the Type node or set custom_fields and target`, { targets });
    }
    if (inputs.length === 0) throw new ModelFieldError(`no field has the role Input: set roles with a Type node or set custom_fields and inputs`, { property: "custom_fields" });
  }
  if (rule.count === "one" && targets.length > 1) {
    throw new NodePropertyError(`node "${node.id}" (${node.type}) takes one target, not ${targets.length}`, { node: node.id, nodeType: node.type, property: "targets" });
  }
  const both = inputs.filter((i) => targets.includes(i));
  if (both.length > 0) throw new ModelFieldError(`field "${both[0]}" is both a target and an input`, { field: both[0] });

  const partitionName = p.str("partition") !== "" ? p.str("partition") : schema.withRole("partition")[0]?.name;
  if (partitionName !== undefined) schema.require(partitionName, where("partition"));

  let frequency: string | undefined;
  if (p.bool("use_frequency")) {
    frequency = p.str("frequency_field");
    if (frequency === "") throw new NodePropertyError(`node "${node.id}" (${node.type}) has use_frequency set but no frequency_field`, { node: node.id, nodeType: node.type, property: "frequency_field" });
  } else if (!custom) frequency = schema.withRole("frequency")[0]?.name;
  if (frequency !== undefined) {
    const f = schema.require(frequency, where("frequency_field"));
    if (!isNumericStorage(f.storage)) throw new ModelFieldError(`the frequency field "${frequency}" must be numeric, not ${f.storage}`, { field: frequency });
  }
  if (p.bool("use_weight") && p.str("weight_field") !== "") {
    throw p.unsupported("use_weight", true, "analysis (case) weights are not implemented; a frequency field (use_frequency, frequency_field) is");
  }
  const splits = custom ? p.list<string>("splits") : schema.withRole("split").map((f) => f.name);
  if (p.bool("use_split_data", true) && splits.length > 0) {
    throw p.unsupported("use_split_data", true, `building one model per split (split fields ${splits.map((s) => `"${s}"`).join(", ")}) is not implemented; set use_split_data to false or remove the Split role`);
  }

  const exclude = new Set([partitionName, frequency].filter((x): x is string => x !== undefined));
  inputs = inputs.filter((i) => !exclude.has(i));
  for (const t of targets) {
    if (exclude.has(t)) throw new ModelFieldError(`field "${t}" cannot be the target: it is the ${t === partitionName ? "partition" : "frequency"} field`, { field: t });
    checkModellingField(schema.field(t)!, "target");
    checkTargetMeasure(schema.field(t)!, rule);
  }
  for (const i of inputs) checkModellingField(schema.field(i)!, "input");
  if (inputs.length === 0) throw new ModelFieldError(`no input fields remain once the partition and frequency fields are left out`);
  return { targets, inputs, ...(partitionName !== undefined && { partition: partitionName }), ...(frequency !== undefined && { frequency }) };
}

function checkModellingField(f: Field, what: string): void {
  if (f.measure === "typeless") throw new ModelFieldError(`${what} field "${f.name}" is Typeless and cannot be used for modelling`, { field: f.name });
  if (!isNumericStorage(f.storage) && !isDateTimeStorage(f.storage) && f.storage !== "string") {
    throw new ModelFieldError(`${what} field "${f.name}" has storage ${f.storage}, which cannot be used for modelling`, { field: f.name });
  }
}

/** The measure a field will have once its values are read, when it can be told now. */
export function knownMeasure(f: Field): "categorical" | "continuous" | undefined {
  switch (f.measure) {
    case "continuous":
      return "continuous";
    case "flag":
    case "nominal":
    case "ordinal":
    case "categorical":
      return "categorical";
    case "default":
      return isNumericStorage(f.storage) || isDateTimeStorage(f.storage) ? "continuous" : f.storage === "string" ? "categorical" : undefined;
    default:
      return undefined;
  }
}

function checkTargetMeasure(f: Field, rule: TargetRule): void {
  const m = knownMeasure(f);
  if (rule.measures === "any" || m === undefined || m === rule.measures) return;
  throw new ModelFieldError(
    `the target "${f.name}" is ${m === "continuous" ? "continuous" : `categorical (${f.measure === "default" || f.measure === "categorical" ? "string" : f.measure})`}, but this model needs a ${rule.measures} target${rule.measures === "categorical" ? " (flag, nominal or ordinal): set its measure in a Type node" : ": set its measure to Continuous (Range) in a Type node"}`,
    { field: f.name },
  );
}
