/** Filter (`FilterNode` → `filter`): `filterTable{defaultDrop, rows/row{name, drop, rename}}`. */
import { checkFilterTable, FILTER_TABLE_CODECS } from "./filter-table.js";
import { defineXmlMapping } from "./types.js";

export const filterMapping = defineXmlMapping({
  properties: FILTER_TABLE_CODECS,
  check: checkFilterTable,
});
