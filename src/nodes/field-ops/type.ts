/**
 * Type (`type`): declares each field's measurement level, role, values, blanks and check
 * action; records pass unchanged except where `check` acts. NODES.md §2.1; semantics chosen
 * where Modeler's are not documented are in docs/nodes.md ("Type").
 *
 * Public surface, for source nodes' Types tab and for nodes that need values:
 * - `TYPE_PROPERTIES`: the keyed Types-tab property specs (`direction`, `type`, `values`,
 *   `value_mode`, `check`, blanks, labels, formats) to spread into a source's `properties`;
 * - `applyTypeSettings(ctx, schema)`: the schema with those settings applied (call it in the
 *   source's `schema()` after storages are known);
 * - `createTypeChecker(schema, warn)` + `typeCheckBatch(checker, schema, batch)` (per batch)
 *   or `typeCheckBatches(schema, input, warn)` (a whole stream): applies the `check` actions of
 *   the schema returned by `applyTypeSettings`, re-labelling batches with that schema;
 * - `FieldValueReader`: reads values from data (instantiation, auto-typing, `max_set_size`)
 *   for fields whose values the schema leaves undefined (value mode Read / Read+).
 */
import { checkTypeTable, defineXmlMapping, TYPE_TABLE_CODECS } from "../common/str-mapping/index.js";
import { defineNode } from "../definition.js";
import { applyTypeSettings, TYPE_PROPERTIES } from "./type-settings.js";
import { typeCheckBatches } from "./type-check.js";

export { applyTypeSettings, TYPE_PROPERTIES } from "./type-settings.js";
export { createTypeChecker, typeCheckBatch, typeCheckBatches, TypeCheckError, type TypeChecker } from "./type-check.js";
export { FieldValueReader, type ValueReaderOptions } from "./type-instantiate.js";

/** Type (`TypeNode` → `type`): the `typeTable` (roles, measurement levels, values, blanks). */
const typeMapping = defineXmlMapping({
  properties: TYPE_TABLE_CODECS,
  check: checkTypeTable,
});

export const typeNode = defineNode({
  type: "type",
  label: "Type",
  palette: "field",
  modelerClasses: ["TypeNode"],
  modeler: typeMapping,
  inputs: { min: 1, max: 1 },
  properties: TYPE_PROPERTIES,
  schema(ctx, [input]) {
    return applyTypeSettings(ctx, input!);
  },
  run(ctx, [input]) {
    return typeCheckBatches(ctx.outputSchema, input!, (m) => ctx.warn(m), () => ctx.throwIfAborted());
  },
});
