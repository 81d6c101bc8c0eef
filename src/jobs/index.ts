export * from "./definition/index.js";
export { applyJob, insertModeProperties, type ApplyJobOptions } from "./apply-job.js";
export { runJob, type RunJobOptions, type JobRunResult } from "./run-job.js";
export { terminalsForAction, JobActionError } from "./actions/terminals.js";
export { refreshModels, type RefreshedModel } from "./actions/refresh-models.js";
export { FileStreamRepository, serializeStreamLikeSource, type StreamRepository } from "./stream-repository.js";
