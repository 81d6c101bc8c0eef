/**
 * A `StreamNode` → its `<node>` element.
 *
 * A node read from `.str` keeps its original element; what changed (properties, custom name,
 * annotation, enabled, position) is written into it through the reverse mapping, and a
 * changed property the mapping cannot write is an error naming node and property. A node
 * with no Modeler origin gets an element generated from its properties.
 */
import type { FiElement } from "../fastinfoset/types.js";
import type { NodeRegistry } from "../../nodes/registry.js";
import type { StreamNode } from "../../stream/model.js";
import { StrWriteError } from "../errors.js";
import type { XmlMappingContext } from "../../nodes/common/str-mapping/index.js";
import type { StrContainer } from "../container/str-file.js";
import { attr, ensureChild, makeElement, removeChildren, setAttr, setChildText } from "../xml/dom.js";
import { importedFieldNames } from "../import/diagram.js";
import type { CommonProperties, ImportedNodeState } from "../import/nodes.js";
import type { MemberPlan } from "./members.js";
import { openParameters, saveParameters, type OpenParameters } from "./parameters-member.js";
import { changedKeys, sameJson } from "./same-json.js";

const NODE_PACKAGE = "com.spss.clementine.component.node.";

export function importedState(node: StreamNode): ImportedNodeState | undefined {
  return node.modeler?.extra?.imported as ImportedNodeState | undefined;
}

function describe(node: StreamNode): string {
  return `node "${node.name ?? node.id}" (id ${node.id}, ${node.modeler?.modelerClass ?? node.type})`;
}

function context(node: StreamNode, element: FiElement, warnings: string[]): XmlMappingContext {
  const knownFields = importedFieldNames(element);
  return { node: element, ...(knownFields && { knownFields }), warn: (m) => warnings.push(`${describe(node)}: ${m}`) };
}

/** Where an extension node's `Parameters` member is read from and its new text goes. */
export interface MemberAccess {
  readonly container?: StrContainer;
  readonly plan: MemberPlan;
}

/** Writes changed properties into `element` (the caller's copy) and, for extension nodes, into their `Parameters` member. */
export function writeProperties(node: StreamNode, element: FiElement, keys: readonly string[], registry: NodeRegistry, warnings: string[], members?: MemberAccess): void {
  if (keys.length === 0) return;
  const mapping = registry.get(node.type)?.modeler;
  if (!mapping) {
    throw new StrWriteError(`${describe(node)}: properties ${keys.map((k) => `"${k}"`).join(", ")} changed, but type "${node.type}" has no .str property mapping to write them with`, { node: node.id, properties: keys });
  }
  const props = ensureChild(element, "properties");
  const ctx = context(node, element, warnings);
  let open: OpenParameters | undefined;
  for (const key of keys) {
    const codec = mapping.properties[key];
    const parameterCodec = codec ? undefined : mapping.parameters?.[key];
    if (!codec && !parameterCodec) throw new StrWriteError(`${describe(node)}: property "${key}" has no .str form (no internal name is known for it), so it cannot be written`, { node: node.id, property: key });
    try {
      if (codec) codec.write(props, node.properties[key], ctx);
      else {
        open ??= openParameters(attr(element, "properties"), members?.container, describe(node));
        parameterCodec!.write(open.params, node.properties[key], { ...ctx, parameters: open.params });
      }
    } catch (err) {
      if (err instanceof StrWriteError) throw new StrWriteError(`${describe(node)}, property "${key}": ${err.message}`, { ...err.details, node: node.id, property: key });
      throw err;
    }
  }
  if (open) {
    if (!members) throw new Error("writeProperties: a Parameters member changed but no member plan was given");
    saveParameters(open, members.plan);
  }
}

export function writeCommon(element: FiElement, node: StreamNode, before: CommonProperties | undefined): void {
  const props = ensureChild(element, "properties");
  if (!before || node.name !== before.name) {
    setChildText(props, "label", node.name ?? "");
    setChildText(props, "autoLabel", String(node.name === undefined));
  }
  if (!before || node.label !== before.label) setChildText(props, "annotation", node.label ?? "");
  if (!before || node.enabled !== before.enabled) setChildText(props, "enabled", String(node.enabled));
  if (!sameJson(node.position ?? null, before?.position ?? null)) {
    if (!node.position) removeChildren(props, "position");
    else {
      const position = ensureChild(props, "position");
      setChildText(position, "x", String(Math.round(node.position.x)));
      setChildText(position, "y", String(Math.round(node.position.y)));
    }
  }
}

/** Does the node differ from what was read (so that its element must be rewritten)? */
export function nodeChanged(node: StreamNode, before: ImportedNodeState): boolean {
  return (
    changedKeys(node.properties, before.properties).length > 0 ||
    node.name !== before.name ||
    node.label !== before.label ||
    node.enabled !== before.enabled ||
    !sameJson(node.position ?? null, before.position ?? null)
  );
}

/** Applies the node's changes to its own element (a copy belonging to the document being written). */
export function patchNodeElement(node: StreamNode, element: FiElement, before: ImportedNodeState, registry: NodeRegistry, warnings: string[], members?: MemberAccess): void {
  if (node.type !== before.type) throw new StrWriteError(`${describe(node)}: its type changed from "${before.type}" to "${node.type}"; a .str node cannot change class`, { node: node.id });
  const keys = changedKeys(node.properties, before.properties);
  if (keys.length > 0 && !before.mapped) {
    throw new StrWriteError(`${describe(node)}: properties ${keys.map((k) => `"${k}"`).join(", ")} changed, but this class is not mapped, so they cannot be written`, { node: node.id, properties: keys });
  }
  writeProperties(node, element, keys, registry, warnings, members);
  writeCommon(element, node, before);
}

/** A new `<node>` element for a node with no Modeler origin. */
export function generateNodeElement(node: StreamNode, localId: string, registry: NodeRegistry, warnings: string[]): FiElement {
  const def = registry.get(node.type);
  const cls = node.modeler?.modelerClass ?? def?.modelerClasses?.[0];
  if (!def || !cls) throw new StrWriteError(`${describe(node)}: type "${node.type}" has no Modeler class, so it cannot be written to .str`, { node: node.id });
  if (!def.modeler) throw new StrWriteError(`${describe(node)}: type "${node.type}" has no .str property mapping, so its settings cannot be written`, { node: node.id });
  const element = makeElement("node", { id: localId, class: cls.includes(".") ? cls : NODE_PACKAGE + cls, saveVersion: "18.0", uid: node.modeler?.uid ?? node.id }, [
    makeElement("properties", {}, [makeElement("name", {}, [def.label])]),
  ]);
  if (node.modeler?.extensionId) setAttr(element, "extensionID", node.modeler.extensionId);
  if (node.modeler?.extensionObjectId) setAttr(element, "extensionObjectID", node.modeler.extensionObjectId);
  writeCommon(element, node, undefined);
  writeProperties(node, element, Object.keys(node.properties), registry, warnings);
  return element;
}

