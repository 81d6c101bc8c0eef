/** Export nodes (Modeler's Export palette): they write data. */
import type { NodeDefinition } from "../definition.js";
import { outputFileNode } from "./outputfile.js";
import { databaseExportNode } from "./databaseexport.js";

export const EXPORT_NODES: readonly NodeDefinition[] = [outputFileNode, databaseExportNode];
