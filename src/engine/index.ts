export { runStream, type RunEvent, type RunOptions, type RunReport, type NodeRunStats, type TerminalOutcome } from "./run.js";
export { planRun, selectTerminals, isTerminalNode, type RunPlan, type PlannedNode } from "./plan.js";
export { resolveParameters, convertParameter, ParameterError, type ParameterOverrides } from "./parameters.js";
export { FileNotFoundError, portableBaseName } from "./files.js";
export { Broadcast } from "./broadcast.js";
export { inspectStream, type StreamInspection } from "./inspect.js";
