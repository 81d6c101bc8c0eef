/**
 * Partition (`PartitionNode` → `partition`): `partitionFieldName`, sizes and labels of the
 * training / testing / validation partitions, `createValidationPartition`,
 * `partitionValueMode` (system / system_label / label), `partitionUseRandomSeed` /
 * `partitionRandomSeed`, and `usePartitionHashColumn` + `partitionHashColumn` → `unique_field`.
 */
import { childText, setChildText } from "../xml/dom.js";
import { boolCodec, enumCodec, numberCodec, textCodec } from "./codecs.js";
import { defineXmlMapping } from "./types.js";

export const partitionMapping = defineXmlMapping({
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
