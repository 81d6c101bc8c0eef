/** Source nodes (Modeler's Sources palette). */
import type { NodeDefinition } from "../definition.js";
import { userInputNode } from "./userinput.js";

export const SOURCE_NODES: readonly NodeDefinition[] = [userInputNode];
