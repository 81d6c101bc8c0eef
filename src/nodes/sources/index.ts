/** Source nodes (Modeler's Sources palette). */
import type { NodeDefinition } from "../definition.js";
import { userInputNode } from "./userinput.js";
import { variableFileNode } from "./variablefile.js";
import { fixedFileNode } from "./fixedfile.js";
import { databaseNode } from "./database.js";

export const SOURCE_NODES: readonly NodeDefinition[] = [userInputNode, variableFileNode, fixedFileNode, databaseNode];
