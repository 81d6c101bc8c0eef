/** Sort (`SortNode` → `sort`): `sortKeys`, `sortDefaultOrder`, `useExistingSortOrder`, `existingSortKeys`. */
import { boolCodec } from "./codecs.js";
import { sortKeysCodec } from "./sort-keys.js";
import { defineXmlMapping } from "./types.js";

export const sortMapping = defineXmlMapping({
  properties: {
    keys: sortKeysCodec("sortKeys"),
    default_ascending: boolCodec("sortDefaultOrder"),
    use_existing_keys: boolCodec("useExistingSortOrder"),
    existing_keys: sortKeysCodec("existingSortKeys"),
  },
});
