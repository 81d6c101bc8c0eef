/**
 * Builds the context each node sees: its validated properties, parameters, settings,
 * deterministic random numbers, file resolution, warnings and cancellation.
 */
import { childSeed, seededRandom, type RandomSource } from "../data/random.js";
import { Schema } from "../data/schema.js";
import type { StreamSettings } from "../data/settings.js";
import { CancelledError } from "../errors.js";
import type { NodeContext, NodeServices, ParameterValue, RunContext } from "../nodes/definition.js";
import { Props } from "../nodes/properties.js";
import type { Stream, StreamNode } from "../stream/model.js";
import { findInputFile, outputFilePath } from "./files.js";

export interface ContextShared {
  readonly stream: Stream;
  readonly settings: StreamSettings;
  readonly parameters: ReadonlyMap<string, ParameterValue>;
  readonly seed: number;
  readonly fileRoots: readonly string[];
  readonly outDir?: string;
  readonly services: NodeServices;
  readonly signal: AbortSignal;
  warn(node: StreamNode | undefined, message: string): void;
  progress(node: StreamNode, message: string, fraction?: number): void;
}

export function makeNodeContext(shared: ContextShared, node: StreamNode, values: Readonly<Record<string, unknown>>): NodeContext {
  const props = new Props(node, values);
  return {
    node,
    props,
    stream: shared.stream,
    settings: shared.settings,
    parameters: shared.parameters,
    services: shared.services,
    signal: shared.signal,
    random(label = ""): RandomSource {
      return seededRandom(childSeed(shared.seed, `${node.id}\u0000${label}`));
    },
    resolveInputFile(path, property) {
      return findInputFile(node, property, path, shared.stream.baseDir, shared.fileRoots);
    },
    resolveOutputFile(path) {
      return outputFilePath(path, shared.outDir);
    },
    warn(message) {
      shared.warn(node, message);
    },
  };
}

export function makeRunContext(shared: ContextShared, base: NodeContext, inputSchemas: readonly Schema[], outputSchema: Schema): RunContext {
  return {
    ...base,
    inputSchemas,
    outputSchema,
    throwIfAborted() {
      if (shared.signal.aborted) throw new CancelledError();
    },
    progress(message, fraction) {
      shared.progress(base.node, message, fraction);
    },
  };
}

export const EMPTY_SCHEMA = Schema.empty;
