/**
 * The `.str` property mappings by scripting node type, until they move into the node files
 * (`NodeDefinition.modeler`). A definition's own `modeler` mapping wins over this table, so
 * the move is: put `modeler: <x>Mapping` into the node file, delete its line here.
 */
import type { FiElement } from "../fastinfoset/types.js";
import type { NodeDefinition } from "../../nodes/definition.js";
import { child } from "../xml/dom.js";
import { aggregateMapping } from "./aggregate.js";
import { appendMapping } from "./append.js";
import { balanceMapping } from "./balance.js";
import { deriveMapping } from "./derive.js";
import { distinctMapping } from "./distinct.js";
import { fillerMapping } from "./filler.js";
import { filterMapping } from "./filter.js";
import { fixedFileMapping } from "./fixedfile.js";
import { mergeMapping } from "./merge.js";
import { outputFileMapping } from "./outputfile.js";
import { partitionMapping } from "./partition.js";
import { reclassifyMapping } from "./reclassify.js";
import { reorderMapping } from "./reorder.js";
import { restructureMapping } from "./restructure.js";
import { sampleMapping } from "./sample.js";
import { selectMapping } from "./select.js";
import { setToFlagMapping } from "./settoflag.js";
import { sortMapping } from "./sort.js";
import { tableMapping } from "./table.js";
import { typeMapping } from "./type.js";
import { userInputMapping } from "./userinput.js";
import { variableFileMapping } from "./variablefile.js";
import type { NodeXmlMapping, XmlMappingContext } from "./types.js";

export type { NodeXmlMapping, PropertyCodec, XmlMappingContext } from "./types.js";
export { defineXmlMapping } from "./types.js";

export const STR_MAPPINGS: Readonly<Record<string, NodeXmlMapping>> = {
  aggregate: aggregateMapping,
  append: appendMapping,
  balance: balanceMapping,
  derive: deriveMapping,
  distinct: distinctMapping,
  filler: fillerMapping,
  filter: filterMapping,
  fixedfile: fixedFileMapping,
  merge: mergeMapping,
  outputfile: outputFileMapping,
  partition: partitionMapping,
  reclassify: reclassifyMapping,
  reorder: reorderMapping,
  restructure: restructureMapping,
  sample: sampleMapping,
  select: selectMapping,
  settoflag: setToFlagMapping,
  sort: sortMapping,
  table: tableMapping,
  type: typeMapping,
  userinput: userInputMapping,
  variablefile: variableFileMapping,
};

/** The mapping of a node type: its definition's own, else the table's. */
export function mappingFor(def: NodeDefinition | undefined): NodeXmlMapping | undefined {
  if (!def) return undefined;
  return def.modeler ?? STR_MAPPINGS[def.type];
}

/** Scripting properties of a node from its `<node>` element (absent XML → absent property). */
export function propertiesFromXml(mapping: NodeXmlMapping, node: FiElement, ctx: XmlMappingContext): Record<string, unknown> {
  const props = child(node, "properties");
  const out: Record<string, unknown> = {};
  if (!props) return out;
  for (const [name, codec] of Object.entries(mapping.properties)) {
    const v = codec.read(props, ctx);
    if (v !== undefined) out[name] = v;
  }
  mapping.check?.(props, ctx);
  return out;
}
