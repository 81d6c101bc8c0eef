/** Source nodes (Modeler's Sources palette). */
import type { NodeDefinition } from "../definition.js";
import { userInputNode } from "./userinput.js";
import { variableFileNode } from "./variablefile.js";
import { fixedFileNode } from "./fixedfile.js";

export const SOURCE_NODES: readonly NodeDefinition[] = [userInputNode, variableFileNode, fixedFileNode];
