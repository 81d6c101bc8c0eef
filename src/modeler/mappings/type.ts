/** Type (`TypeNode` → `type`): the `typeTable` (roles, measurement levels, values, blanks). */
import { checkTypeTable, TYPE_TABLE_CODECS } from "./type-table.js";
import { defineXmlMapping } from "./types.js";

export const typeMapping = defineXmlMapping({
  properties: TYPE_TABLE_CODECS,
  check: checkTypeTable,
});
