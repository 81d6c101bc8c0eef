/**
 * One Modeler `<node>` → one `StreamNode`: the uid as id, the type (class-types.ts), the
 * properties its mapping reads, the custom name (`label` when `autoLabel` is false), the
 * annotation as label, `enabled`, the canvas position, builder and model of nuggets, and the
 * complete original element for writing back.
 */
import type { FiElement } from "../fastinfoset/types.js";
import type { ExtensionParameters, NodeXmlMapping, XmlMappingContext } from "../../nodes/common/str-mapping/index.js";
import type { NodeRegistry } from "../../nodes/registry.js";
import type { StreamNode } from "../../stream/model.js";
import type { StrContainer } from "../container/str-file.js";
import { attr, child, childText } from "../xml/dom.js";
import { isBuilderClass, isNuggetClass, typeForClass, unmappedType } from "./class-types.js";
import { importedFieldNames, type DiagramNode } from "./diagram.js";
import { builderSettings, lazyNuggetModel } from "./models.js";
import { readParameters } from "./parameters.js";

/** What the writer compares a node with to tell whether it changed. */
export interface ImportedNodeState {
  readonly localId: string;
  readonly type: string;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly name?: string;
  readonly label?: string;
  readonly enabled: boolean;
  readonly position?: { x: number; y: number };
  readonly builder?: string;
  /** The nugget's model as read (compared by identity: an unchanged model is not read again). */
  readonly model?: { readonly pmmlText: string };
  readonly superNode?: string;
  /** True when `properties` came from a mapping (and can be written back). */
  readonly mapped: boolean;
}

export interface CommonProperties {
  name?: string;
  label?: string;
  enabled: boolean;
  position?: { x: number; y: number };
}

export function readCommon(node: FiElement): CommonProperties {
  const props = child(node, "properties");
  const custom = childText(props, "autoLabel") === "false" ? childText(props, "label") : undefined;
  const annotation = childText(props, "annotation");
  const x = Number(childText(child(props, "position"), "x"));
  const y = Number(childText(child(props, "position"), "y"));
  return {
    ...(custom ? { name: custom } : {}),
    ...(annotation ? { label: annotation } : {}),
    enabled: childText(props, "enabled") !== "false",
    ...(child(props, "position") && Number.isFinite(x) && Number.isFinite(y) ? { position: { x, y } } : {}),
  };
}

/** How warnings name a node: its custom name or Modeler's saved name, uid and class. */
export function describeXmlNode(n: DiagramNode): string {
  const props = child(n.element, "properties");
  const name = (childText(props, "autoLabel") === "false" && childText(props, "label")) || childText(props, "name") || n.cls;
  return `node "${name}" (${n.uid}, ${n.cls})`;
}

export function buildNode(n: DiagramNode, registry: NodeRegistry, container: StrContainer, uids: ReadonlySet<string>, warn: (m: string) => void): StreamNode {
  const say = (m: string) => warn(`${describeXmlNode(n)}: ${m}`);
  let classType = typeForClass(n.element, registry);
  let parameters: ExtensionParameters | undefined;
  let unreadable = false;
  if (classType.parametersMember !== undefined) {
    const read = readParameters(classType.parametersMember, container);
    if ("problem" in read) {
      // Without its settings the builder would train with default ones: it loads under its
      // class name instead, so that a run needing it fails.
      classType = unmappedType(n.element, n.cls, registry);
      unreadable = true;
      say(`${read.problem}; the node loads as "${classType.type}" and cannot run`);
    } else parameters = read;
  }
  const common = readCommon(n.element);
  let properties: Record<string, unknown> = {};
  const mapping = registry.get(classType.type)?.modeler;
  if (classType.mapped && mapping) {
    const knownFields = importedFieldNames(n.element);
    properties = propertiesFromXml(mapping, n.element, { node: n.element, ...(knownFields && { knownFields }), ...(parameters && { parameters }), warn: say });
  } else if (classType.unmappedEvaluator) {
    say(`the engine has a "${classType.unmappedEvaluator}" evaluator, but its .str settings are not mapped yet; the node loads as "${classType.type}" so that a run needing it fails instead of using default settings`);
  } else if (isBuilderClass(n.cls) && !unreadable) {
    properties = { ...builderSettings(n.element, n.cls, container, say) };
  }
  if (n.cls === "MutableSuperNode") warnSuperNodeSettings(n.element, say);
  let builder: string | undefined;
  let model: { readonly pmmlText: string } | undefined;
  if (isNuggetClass(n.cls)) {
    const builderId = childText(child(n.element, "properties"), "builderNodeId");
    if (builderId && uids.has(builderId)) builder = builderId;
    else if (builderId) say(`its builder ${builderId} is not in the stream`);
    model = lazyNuggetModel(n.element, describeXmlNode(n), container, say);
  }
  const extensionId = attr(n.element, "extensionID");
  const extensionObjectId = attr(n.element, "extensionObjectID");
  const state: ImportedNodeState = {
    localId: n.localId,
    type: classType.type,
    properties,
    ...common,
    ...(builder !== undefined && { builder }),
    ...(model && { model }),
    ...(n.superNode !== undefined && { superNode: n.superNode }),
    mapped: classType.mapped,
  };
  return {
    id: n.uid,
    type: classType.type,
    ...common,
    properties,
    ...(builder !== undefined && { builder }),
    ...(model && { model }),
    ...(n.superNode !== undefined && { superNode: n.superNode }),
    modeler: {
      uid: n.uid,
      modelerClass: n.cls,
      ...(extensionId !== undefined && { extensionId }),
      ...(extensionObjectId !== undefined && { extensionObjectId }),
      xml: n.element,
      extra: { imported: state },
    },
  };
}

/**
 * Scripting properties of a node from its `<node>` element and, for extension nodes, its
 * `Parameters` member (absent XML → absent property).
 */
export function propertiesFromXml(mapping: NodeXmlMapping, node: FiElement, ctx: XmlMappingContext): Record<string, unknown> {
  const props = child(node, "properties");
  const out: Record<string, unknown> = {};
  if (props) {
    for (const [name, codec] of Object.entries(mapping.properties)) {
      const v = codec.read(props, ctx);
      if (v !== undefined) out[name] = v;
    }
    mapping.check?.(props, ctx);
  }
  if (ctx.parameters && mapping.parameters) {
    for (const [name, codec] of Object.entries(mapping.parameters)) {
      const v = codec.read(ctx.parameters, ctx);
      if (v !== undefined) out[name] = v;
    }
    mapping.checkParameters?.(ctx.parameters, ctx);
  }
  return out;
}

function warnSuperNodeSettings(node: FiElement, say: (m: string) => void): void {
  const props = child(node, "properties");
  const rows = child(child(props, "parameterTable"), "rows");
  if (rows && rows.children.some((c) => c.kind === "element")) say("its SuperNode parameters are kept in the XML but not applied (only stream parameters are)");
  if ((childText(props, "script") ?? "").trim() !== "") say("its SuperNode script is kept in the XML but not run");
}
