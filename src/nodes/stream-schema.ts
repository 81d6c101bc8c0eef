/**
 * The open stream format's JSON Schema with every registered node type's properties, as
 * shipped in `schema/stream.schema.json` (for editors and other tools).
 */
import { STREAM_OPTION_NAMES } from "../data/settings.js";
import { buildStreamSchema } from "../stream/json-schema.js";
import { defaultRegistry, type NodeRegistry } from "./registry.js";

export function streamJsonSchemaText(registry: NodeRegistry = defaultRegistry()): string {
  return JSON.stringify(buildStreamSchema(registry.propertySchemas(), STREAM_OPTION_NAMES), null, 2) + "\n";
}
