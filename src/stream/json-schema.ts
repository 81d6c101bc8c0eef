/**
 * The JSON Schema of the open stream format (`modeler-batch/stream@1`).
 *
 * The document structure is fixed here; each node type's `properties` schema comes from that
 * type's definition (see `nodes/`), so the schema, the validation messages and the
 * documentation never disagree with the evaluators.
 */

export const STREAM_FORMAT_ID = "modeler-batch/stream@1";

export type JsonSchema = Record<string, unknown>;

/** Schema of one node type's `properties` object, keyed by scripting type name. */
export type NodePropertySchemas = Readonly<Record<string, JsonSchema>>;

const ID = { type: "string", pattern: "^[A-Za-z0-9_.-]+$" };

export function buildStreamSchema(nodeTypes?: NodePropertySchemas, streamOptions?: readonly string[]): JsonSchema {
  const typeNames = nodeTypes ? Object.keys(nodeTypes).sort() : undefined;
  const perType = nodeTypes
    ? typeNames!.map((t) => ({
        if: { properties: { type: { const: t } }, required: ["type"] },
        then: { properties: { properties: nodeTypes[t] } },
      }))
    : [];
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://modeler-batch.dev/schema/stream.schema.json",
    title: "modeler-batch open stream format",
    type: "object",
    required: ["format", "nodes"],
    additionalProperties: false,
    properties: {
      format: { const: STREAM_FORMAT_ID },
      name: { type: "string" },
      parameters: {
        type: "array",
        items: {
          type: "object",
          required: ["name", "storage"],
          additionalProperties: false,
          properties: {
            name: { type: "string", minLength: 1 },
            storage: { enum: ["string", "integer", "real", "date", "time", "timestamp", "unknown"] },
            value: { type: ["string", "number", "boolean", "null"] },
            label: { type: "string" },
            prompt: { type: "boolean" },
          },
        },
      },
      properties: streamOptions
        ? { type: "object", additionalProperties: false, properties: Object.fromEntries(streamOptions.map((n) => [n, {}])) }
        : { type: "object" },
      nodes: {
        type: "array",
        items: {
          type: "object",
          required: ["id", "type"],
          additionalProperties: false,
          properties: {
            id: ID,
            type: typeNames ? { enum: typeNames } : { type: "string" },
            name: { type: "string" },
            label: { type: "string" },
            enabled: { type: "boolean" },
            properties: { type: "object" },
            builder: ID,
            model: {
              oneOf: [
                { type: "object", required: ["pmmlText"], additionalProperties: false, properties: { pmmlText: { type: "string" } } },
                { type: "object", required: ["pmml"], additionalProperties: false, properties: { pmml: { type: "string" } } },
              ],
            },
            superNode: ID,
            position: {
              type: "object",
              required: ["x", "y"],
              additionalProperties: false,
              properties: { x: { type: "number" }, y: { type: "number" } },
            },
            modeler: {
              type: "object",
              required: ["uid", "modelerClass"],
              additionalProperties: false,
              properties: { uid: { type: "string" }, modelerClass: { type: "string" }, extensionId: { type: "string" }, extensionObjectId: { type: "string" } },
            },
          },
          allOf: perType,
        },
      },
      links: {
        type: "array",
        items: {
          oneOf: [
            { type: "array", items: ID, minItems: 2, maxItems: 2 },
            {
              type: "object",
              required: ["from", "to"],
              additionalProperties: false,
              properties: { from: ID, to: ID, tag: { type: "string" } },
            },
          ],
        },
      },
      scoringBranch: ID,
      modelBuildNode: ID,
      terminalOrder: { type: "array", items: ID },
      script: {
        type: "object",
        required: ["language", "text"],
        additionalProperties: false,
        properties: { language: { type: "string" }, text: { type: "string" }, runByDefault: { type: "boolean" } },
      },
    },
  };
}
