export * from "./model.js";
export * from "./errors.js";
export * from "./graph.js";
export * from "./json-schema.js";
export * from "./json-format.js";
export * from "./builder.js";
