/**
 * How one node type's scripting properties are read from, and written back to, the XML of a
 * Modeler node (`<node class=…><properties>…</properties>…</node>`).
 *
 * A mapping is data: one codec per scripting property, each knowing the internal XML name(s)
 * that carry it. Reading asks every codec for its value (absent XML → no property); writing a
 * changed property asks its codec to rewrite its part of `<properties>`. A property without a
 * codec cannot be written back, and the writer says so instead of dropping it.
 *
 * `NodeDefinition.modeler` holds one of these, so each node file carries its own mapping
 * (`modeler: defineXmlMapping({...})`), built from the shared codecs of this folder.
 */
import type { ExtensionParameters, ParameterCodec } from "./parameters.js";
import type { XmlElement } from "./xml-tree.js";

export interface XmlMappingContext {
  /** The whole `<node>` element (children other than `<properties>`: `importedFields`, `tags`, …). */
  readonly node: XmlElement;
  /**
   * Fields the node produced when Modeler saved it (a source's `importedFields`). Keyed
   * settings for other fields are stale rows Modeler keeps and ignores; readers skip them and
   * writers leave them alone.
   */
  readonly knownFields?: ReadonlySet<string>;
  /**
   * The node's `Parameters` member (extension nodes: `node@properties`), read by the import
   * for mappings that declare `parameters` codecs.
   */
  readonly parameters?: ExtensionParameters;
  /** Reports XML content that the scripting properties cannot carry (it stays in the XML). */
  warn(message: string): void;
}

export interface PropertyCodec {
  /** Internal XML name(s), for documentation and messages (`selectMode`, `typeTable/rows/row/direction`). */
  readonly xml: string;
  /** The property's value in `<properties>`, or undefined when the XML does not set it. */
  read(properties: XmlElement, ctx: XmlMappingContext): unknown;
  /** Writes `value` into `<properties>` (undefined: back to Modeler's default, where the codec knows it). */
  write(properties: XmlElement, value: unknown, ctx: XmlMappingContext): void;
}

export interface NodeXmlMapping {
  /** Scripting property name → codec of the XML under `<properties>`. */
  readonly properties: Readonly<Record<string, PropertyCodec>>;
  /**
   * Scripting property name → codec of the node's `Parameters` member. Extension builders
   * (`CFBuildModelNode`) keep their settings there, and the generic model-builder elements
   * under their `<properties>` (`autoModelFieldSelection`, …) are not what they use, so their
   * mappings have parameter codecs only. Read only when the import found the member.
   */
  readonly parameters?: Readonly<Record<string, ParameterCodec>>;
  /** Reports settings in the XML that no property carries (e.g. rows of a table no property maps). */
  check?(properties: XmlElement, ctx: XmlMappingContext): void;
  /** Reports settings in the `Parameters` member that no property carries. */
  checkParameters?(parameters: ExtensionParameters, ctx: XmlMappingContext): void;
}

export function defineXmlMapping(mapping: NodeXmlMapping): NodeXmlMapping {
  return mapping;
}
