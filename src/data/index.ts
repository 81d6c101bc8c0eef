export * from "./storage.js";
export * from "./values.js";
export * from "./field.js";
export * from "./schema.js";
export * from "./batch.js";
export * from "./settings.js";
export * from "./random.js";
export * from "./json-text.js";
