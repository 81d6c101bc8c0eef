import { ModelerBatchError } from "../errors.js";
import type { StreamNode } from "../stream/model.js";

/** A node whose type (or Modeler class) has no evaluator, met by a run that needs it. */
export class UnsupportedNodeError extends ModelerBatchError {
  constructor(node: StreamNode, reason?: string) {
    const cls = node.modeler?.modelerClass;
    // Extension nodes share one class (`CFBuildModelNode`); their extension says which algorithm it is.
    const ext = node.modeler?.extensionId;
    const extension = ext !== undefined ? `${ext}${node.modeler?.extensionObjectId !== undefined ? `/${node.modeler.extensionObjectId}` : ""}` : undefined;
    const what = cls ? `the Modeler class ${cls}${extension ? ` with extension ${extension}` : ""}` : `the node type "${node.type}"`;
    super(
      "UNSUPPORTED_NODE",
      `node "${node.name ?? node.id}" (id ${node.id}, type ${node.type}${cls ? `, Modeler class ${cls}` : ""}${extension ? `, extension ${extension}` : ""}) cannot run: ${reason ?? `modeler-batch has no evaluator for ${what}`}`,
      { node: node.id, nodeType: node.type, ...(cls !== undefined && { modelerClass: cls }), ...(extension !== undefined && { extension }) },
    );
  }
}

/** A node failed while running; wraps the cause with the node's identity. */
export class NodeRunError extends ModelerBatchError {
  constructor(node: StreamNode, cause: unknown) {
    const msg = cause instanceof Error ? cause.message : String(cause);
    super("NODE_RUN", `node "${node.name ?? node.id}" (id ${node.id}, ${node.type}) failed: ${msg}`, { node: node.id, nodeType: node.type }, { cause });
  }
}
