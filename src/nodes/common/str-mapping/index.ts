/**
 * What a node file needs to declare how its scripting properties are stored in a Modeler
 * `.str` file (`NodeDefinition.modeler`): the mapping types, the codecs most properties are
 * made of, the tables several node types share (Types tab, Filter tab, sort keys, keyed rows),
 * Modeler's typed values and the few element-tree helpers the codecs are written with.
 *
 * This is the `.str` format's vocabulary, not the `.str` reader or writer: those live in
 * `modeler/` and find each node's mapping through the registry.
 */
export * from "./codecs.js";
export * from "./encoding.js";
export * from "./errors.js";
export * from "./filter-table.js";
export * from "./keyed-rows.js";
export * from "./mapping.js";
export * from "./parameters.js";
export * from "./sort-keys.js";
export * from "./tokens.js";
export * from "./type-table.js";
export * from "./typed-values.js";
export * from "./xml-tree.js";
