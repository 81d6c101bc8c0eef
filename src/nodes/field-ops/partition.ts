/**
 * Partition (`partition`): adds a string field with role Partition that assigns each record
 * at random to Training, Testing and (optionally) Validation, with probabilities given by the
 * sizes in percent; records beyond the sizes' total get `$null$`. NODES.md §2.7; choices in
 * docs/nodes.md ("Partition").
 */
import { makeBatch } from "../../data/batch.js";
import { makeField } from "../../data/field.js";
import { hashString, seededRandom, type RandomSource } from "../../data/random.js";
import { groupKey, type Value } from "../../data/values.js";
import { boolCodec, childText, defineXmlMapping, enumCodec, numberCodec, setChildText, textCodec } from "../common/str-mapping/index.js";
import { defineNode, type NodeContext } from "../definition.js";
import { NodePropertyError, bool, field, int, num, oneOf, prop, str } from "../properties.js";

/**
 * Partition (`PartitionNode` → `partition`): `partitionFieldName`, sizes and labels of the
 * training / testing / validation partitions, `createValidationPartition`,
 * `partitionValueMode` (system / system_label / label), `partitionUseRandomSeed` /
 * `partitionRandomSeed`, and `usePartitionHashColumn` + `partitionHashColumn` → `unique_field`.
 */
const partitionMapping = defineXmlMapping({
  properties: {
    new_name: textCodec("partitionFieldName"),
    create_validation: boolCodec("createValidationPartition"),
    training_size: numberCodec("trainingPartitionSize"),
    testing_size: numberCodec("testingPartitionSize"),
    validation_size: numberCodec("validationPartitionSize"),
    training_label: textCodec("trainingPartitionLabel"),
    testing_label: textCodec("testingPartitionLabel"),
    validation_label: textCodec("validationPartitionLabel"),
    value_mode: enumCodec("partitionValueMode", { system_label: "SystemAndLabel" }),
    set_random_seed: boolCodec("partitionUseRandomSeed"),
    random_seed: numberCodec("partitionRandomSeed", { integer: true }),
    unique_field: {
      xml: "partitionHashColumn (when usePartitionHashColumn)",
      read(props) {
        if (childText(props, "usePartitionHashColumn") !== "true") return undefined;
        return childText(props, "partitionHashColumn") || undefined;
      },
      write(props, value) {
        const set = typeof value === "string" && value !== "";
        setChildText(props, "usePartitionHashColumn", String(set));
        if (set) setChildText(props, "partitionHashColumn", value);
      },
    },
  },
});

export const partitionNode = defineNode({
  type: "partition",
  label: "Partition",
  palette: "field",
  modelerClasses: ["PartitionNode"],
  modeler: partitionMapping,
  inputs: { min: 1, max: 1 },
  properties: [
    prop("new_name", str(), "Partition", "Name of the partition field."),
    prop("create_validation", bool(), false, "Three partitions (training, testing, validation) instead of two."),
    prop("training_size", num(), 50, "Percent of records in Training."),
    prop("testing_size", num(), 50, "Percent of records in Testing."),
    prop("validation_size", num(), 0, "Percent of records in Validation (with create_validation)."),
    prop("training_label", str(), "Training"),
    prop("testing_label", str(), "Testing"),
    prop("validation_label", str(), "Validation"),
    prop("value_mode", oneOf("System", "SystemAndLabel", "Label"), "SystemAndLabel", "Values 1/2/3, 1_Training/2_Testing/3_Validation, or the labels."),
    prop("set_random_seed", bool(), true, "Repeatable assignment from random_seed (else from the run's seed)."),
    prop("random_seed", int(), 1234567),
    prop("enable_sql_generation", bool(), false, "With unique_field: assign by a hash of that field, so a record always gets the same partition."),
    prop("unique_field", field(), undefined, "Field whose hash assigns the partition (with enable_sql_generation)."),
  ],
  autoName(_node, props) {
    return typeof props.new_name === "string" && props.new_name !== "" ? props.new_name : "Partition";
  },
  schema(ctx, [input]) {
    const plan = partitionPlan(ctx);
    if (plan.uniqueField !== undefined) input!.require(plan.uniqueField, `property "unique_field" of node "${ctx.node.id}" (partition)`);
    return input!.append(makeField(plan.name, "string", { measure: "nominal", role: "partition", values: plan.values }));
  },
  async *run(ctx, [input]) {
    const plan = partitionPlan(ctx);
    const out = ctx.outputSchema;
    const uniqueIndex = plan.uniqueField === undefined ? -1 : ctx.inputSchemas[0]!.indexOf(plan.uniqueField);
    const random: RandomSource = plan.seed !== undefined ? seededRandom(plan.seed) : ctx.random("partition");
    const replaced = ctx.inputSchemas[0]!.indexOf(plan.name);
    for await (const batch of input!) {
      ctx.throwIfAborted();
      const column: Value[] = new Array(batch.length);
      const keys = uniqueIndex >= 0 ? batch.columns[uniqueIndex]! : undefined;
      for (let r = 0; r < batch.length; r++) {
        const u = keys ? hashUniform(plan.hashSeed, keys[r]!) : random();
        column[r] = plan.assign(u * 100);
      }
      const columns = batch.columns.slice();
      if (replaced >= 0) columns[replaced] = column;
      else columns.push(column);
      yield makeBatch(out, columns, batch.length);
    }
  },
});

interface PartitionPlan {
  readonly name: string;
  readonly values: string[];
  readonly seed?: number;
  readonly uniqueField?: string;
  readonly hashSeed: number;
  /** Partition value for a uniform draw in [0, 100). */
  assign(percent: number): Value;
}

function partitionPlan(ctx: NodeContext): PartitionPlan {
  const p = ctx.props;
  const name = p.required("new_name");
  const three = p.bool("create_validation");
  const sizes = [p.num("training_size"), p.num("testing_size"), ...(three ? [p.num("validation_size")] : [])];
  const sizeNames = ["training_size", "testing_size", "validation_size"];
  sizes.forEach((s, i) => {
    if (s < 0 || s > 100) throw p.unsupported(sizeNames[i]!, s, "a partition size is a percentage from 0 to 100");
  });
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total > 100 + 1e-9) {
    throw new NodePropertyError(`node "${ctx.node.id}" (partition): the partition sizes add up to ${total}%, more than 100%`, { node: ctx.node.id, nodeType: "partition", property: "training_size" });
  }
  const labels = [p.str("training_label"), p.str("testing_label"), p.str("validation_label")].slice(0, sizes.length);
  const mode = p.str("value_mode");
  const values = labels.map((label, i) => (mode === "System" ? String(i + 1) : mode === "Label" ? label : `${i + 1}_${label}`));
  if (new Set(values).size !== values.length) {
    throw new NodePropertyError(`node "${ctx.node.id}" (partition): the partitions need distinct labels, got ${values.map((v) => JSON.stringify(v)).join(", ")}`, { node: ctx.node.id, nodeType: "partition", property: "training_label" });
  }
  const bounds: number[] = [];
  let acc = 0;
  for (const s of sizes) bounds.push((acc += s));
  const useUnique = p.bool("enable_sql_generation") && p.str("unique_field") !== "";
  const seed = p.bool("set_random_seed") ? p.num("random_seed") : undefined;
  return {
    name,
    values,
    ...(seed !== undefined && { seed }),
    ...(useUnique && { uniqueField: p.str("unique_field") }),
    hashSeed: seed ?? 0,
    assign(percent) {
      for (let i = 0; i < bounds.length; i++) if (percent < bounds[i]!) return values[i]!;
      return null;
    },
  };
}

/** A uniform number in [0, 1) fixed by the value (and seed): equal keys, equal partitions. */
function hashUniform(seed: number, v: Value): number {
  return seededRandom(hashString(`${seed}\u0000${groupKey(v)}`))();
}
