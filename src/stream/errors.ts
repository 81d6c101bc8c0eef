import { ModelerBatchError } from "../errors.js";

/** A stream file or stream object is not well formed. `details.path` is the JSON path, when known. */
export class StreamFormatError extends ModelerBatchError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("STREAM_FORMAT", message, details);
  }
}

/** The graph is not runnable as linked (cycle, missing node, wrong number of inputs). */
export class StreamGraphError extends ModelerBatchError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("STREAM_GRAPH", message, details);
  }
}

/** A node reference (id, uid, name or label) matched no node, or several. */
export class NodeReferenceError extends ModelerBatchError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("NODE_REFERENCE", message, details);
  }
}
