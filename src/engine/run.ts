/**
 * Running a stream: plan, then pull record batches from the terminals back to the sources.
 *
 * Each non-terminal node's output is an async iterable pulled lazily (back-pressure: a
 * source reads its next batch only when someone downstream asks for it). A node read by
 * several planned nodes is shared through a `Broadcast`, so its upstream work runs once.
 * Terminals run concurrently so that shared sources are read once; the first failure
 * cancels the rest. Every node's records and time are counted for the report and for
 * progress events.
 */
import { randomInt } from "node:crypto";
import type { RecordBatch } from "../data/batch.js";
import { settingsFromProperties } from "../data/settings.js";
import { CancelledError, ModelerBatchError } from "../errors.js";
import type { BatchStream, NodeServices, TerminalResult } from "../nodes/definition.js";
import { NodeRunError } from "../nodes/errors.js";
import { defaultRegistry, type NodeRegistry } from "../nodes/registry.js";
import type { OutputDocument } from "../reports/document.js";
import type { Stream, StreamNode } from "../stream/model.js";
import { Broadcast } from "./broadcast.js";
import { makeRunContext, type ContextShared } from "./context.js";
import { resolveParameters, type ParameterOverrides } from "./parameters.js";
import { attachNode, planRun, selectTerminals, type RunPlan } from "./plan.js";

export type RunEvent =
  | { readonly type: "plan"; readonly terminals: readonly string[]; readonly nodes: readonly string[] }
  | { readonly type: "node-start"; readonly node: string; readonly nodeType: string; readonly name: string }
  | { readonly type: "progress"; readonly node: string; readonly records: number; readonly message?: string; readonly fraction?: number }
  | { readonly type: "node-end"; readonly node: string; readonly records: number; readonly ms: number }
  | { readonly type: "warning"; readonly node?: string; readonly message: string };

export interface RunOptions {
  /** Node types to run with; the built-in registry by default. */
  readonly registry?: NodeRegistry;
  /** Terminals to run (id, uid, name or label); every enabled terminal by default. */
  readonly terminals?: readonly string[];
  /** Stream parameter values by name, converted to each parameter's storage. */
  readonly parameters?: ParameterOverrides;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: RunEvent) => void;
  /** Folders searched (by base name) for files the stream's sources name. */
  readonly fileRoots?: readonly string[];
  /** Folder for files that nodes write. */
  readonly outDir?: string;
  /** Seed for every random choice; a fresh one (reported) when absent. */
  readonly seed?: number;
  readonly services?: NodeServices;
}

export interface NodeRunStats {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly enabled: boolean;
  /** Records the node emitted (for terminals: records it consumed). */
  readonly records: number;
  /** Time spent in the node itself, excluding the nodes upstream of it. */
  readonly ms: number;
}

export interface TerminalOutcome {
  readonly node: string;
  readonly type: string;
  readonly name: string;
  readonly result: TerminalResult;
}

export interface RunReport {
  readonly stream: string;
  readonly seed: number;
  readonly terminals: readonly TerminalOutcome[];
  readonly nodes: readonly NodeRunStats[];
  readonly documents: readonly OutputDocument[];
  readonly warnings: readonly string[];
  readonly ms: number;
}

interface NodeState {
  records: number;
  inclusiveMs: number;
  inputMs: number;
  started: boolean;
}

export async function runStream(stream: Stream, options: RunOptions = {}): Promise<RunReport> {
  const started = performance.now();
  const registry = options.registry ?? defaultRegistry();
  const internal = new AbortController();
  const onOuterAbort = () => internal.abort(options.signal?.reason);
  if (options.signal?.aborted) throw new CancelledError();
  options.signal?.addEventListener("abort", onOuterAbort, { once: true });
  const warnings: string[] = [];
  const emit = (e: RunEvent) => options.onEvent?.(e);
  const seed = options.seed ?? randomInt(0, 2 ** 31);
  try {
    const settings = settingsFromProperties(stream.properties);
    const shared: ContextShared = {
      stream,
      settings,
      parameters: resolveParameters(stream, options.parameters, settings),
      seed,
      fileRoots: options.fileRoots ?? [],
      outDir: options.outDir,
      services: options.services ?? {},
      signal: internal.signal,
      warn(node: StreamNode | undefined, message: string) {
        const text = node ? `${registry.displayName(node)} (${node.id}): ${message}` : message;
        warnings.push(text);
        emit({ type: "warning", ...(node && { node: node.id }), message });
      },
      progress(node: StreamNode, message: string, fraction?: number) {
        emit({ type: "progress", node: node.id, records: states.get(node.id)?.records ?? 0, message, ...(fraction !== undefined && { fraction }) });
      },
    };
    const states = new Map<string, NodeState>();
    const terminals = selectTerminals(stream, registry, options.terminals);
    const plan = await planRun(stream, registry, terminals, shared);
    emit({ type: "plan", terminals, nodes: [...plan.order] });
    for (const id of plan.order) states.set(id, { records: 0, inclusiveMs: 0, inputMs: 0, started: false });
    const outcomes = await execute(plan, shared, states, internal, emit, registry);
    const nodes: NodeRunStats[] = plan.order.map((id) => {
      const p = plan.nodes.get(id)!;
      const s = states.get(id)!;
      return {
        id,
        type: p.node.type,
        name: registry.displayName(p.node),
        enabled: p.node.enabled,
        records: s.records,
        ms: Math.max(0, round(s.inclusiveMs - s.inputMs)),
      };
    });
    return {
      stream: stream.name,
      seed,
      terminals: outcomes,
      nodes,
      documents: outcomes.flatMap((o) => o.result.documents ?? []),
      warnings,
      ms: round(performance.now() - started),
    };
  } finally {
    options.signal?.removeEventListener("abort", onOuterAbort);
  }
}

async function execute(
  plan: RunPlan,
  shared: ContextShared,
  states: Map<string, NodeState>,
  internal: AbortController,
  emit: (e: RunEvent) => void,
  registry: NodeRegistry,
): Promise<TerminalOutcome[]> {
  const outputs = new Map<string, { broadcast?: Broadcast; single?: BatchStream; taken: number }>();
  const inputOf = (consumer: string, from: string): BatchStream => {
    const o = outputs.get(from)!;
    const stream = o.broadcast ? o.broadcast.consumer(o.taken++) : o.single!;
    return timedInput(stream, states.get(consumer)!);
  };
  const check = () => {
    if (internal.signal.aborted) throw new CancelledError();
  };
  for (const id of plan.order) {
    const p = plan.nodes.get(id)!;
    if (p.terminal) continue;
    const inputs = p.inputs.map((from) => inputOf(id, from));
    let out: BatchStream;
    if (!p.node.enabled || !p.def) out = inputs[0] ?? emptyStream();
    else out = p.def.run!(makeRunContext(shared, p.ctx, p.inputSchemas, p.schema), inputs);
    const counted = countedOutput(out, p.node, states.get(id)!, emit, check);
    outputs.set(id, p.consumers > 1 ? { broadcast: new Broadcast(counted, p.consumers), taken: 0 } : { single: counted, taken: 0 });
  }
  const failures: unknown[] = [];
  const results = await Promise.all(
    plan.terminals.map(async (id): Promise<TerminalOutcome | undefined> => {
      const p = plan.nodes.get(id)!;
      const state = states.get(id)!;
      const name = registry.displayName(p.node);
      if (!p.node.enabled || !p.def?.execute) {
        shared.warn(p.node, "disabled terminal: not run");
        return undefined;
      }
      const counting = p.inputs.map((from) => countingInput(inputOf(id, from), p.node, state, emit, check));
      const t0 = performance.now();
      emit({ type: "node-start", node: id, nodeType: p.node.type, name });
      try {
        check();
        const result = await p.def.execute(makeRunContext(shared, p.ctx, p.inputSchemas, p.schema), counting);
        state.inclusiveMs += performance.now() - t0;
        emit({ type: "node-end", node: id, records: state.records, ms: round(state.inclusiveMs - state.inputMs) });
        return { node: id, type: p.node.type, name, result };
      } catch (err) {
        state.inclusiveMs += performance.now() - t0;
        failures.push(wrap(p.node, err));
        internal.abort();
        return undefined;
      }
    }),
  );
  if (failures.length > 0) {
    // The first real failure explains the run; cancellations it caused in siblings do not.
    throw failures.find((f) => !(f instanceof CancelledError)) ?? failures[0];
  }
  return results.filter((r): r is TerminalOutcome => r !== undefined);
}

function wrap(node: StreamNode, err: unknown): unknown {
  if (err instanceof ModelerBatchError) return attachNode(node, err);
  return new NodeRunError(node, err);
}

/** Counts a node's output, times its `next()` calls, checks cancellation, tags its errors. */
async function* countedOutput(
  source: BatchStream,
  node: StreamNode,
  state: NodeState,
  emit: (e: RunEvent) => void,
  check: () => void,
): AsyncGenerator<RecordBatch> {
  const it = source[Symbol.asyncIterator]();
  let finished = false;
  try {
    while (true) {
      check();
      if (!state.started) {
        state.started = true;
        emit({ type: "node-start", node: node.id, nodeType: node.type, name: node.name ?? node.id });
      }
      const t0 = performance.now();
      let r: IteratorResult<RecordBatch>;
      try {
        r = await it.next();
      } catch (err) {
        throw wrap(node, err);
      } finally {
        state.inclusiveMs += performance.now() - t0;
      }
      if (r.done) break;
      state.records += r.value.length;
      emit({ type: "progress", node: node.id, records: state.records });
      yield r.value;
    }
    finished = true;
    emit({ type: "node-end", node: node.id, records: state.records, ms: round(state.inclusiveMs - state.inputMs) });
  } finally {
    if (!finished) await it.return?.();
  }
}

/** Time a consumer spends waiting on one of its inputs (subtracted from its own time). */
async function* timedInput(source: BatchStream, consumer: NodeState): AsyncGenerator<RecordBatch> {
  const it = source[Symbol.asyncIterator]();
  let finished = false;
  try {
    while (true) {
      const t0 = performance.now();
      let r: IteratorResult<RecordBatch>;
      try {
        r = await it.next();
      } finally {
        consumer.inputMs += performance.now() - t0;
      }
      if (r.done) break;
      yield r.value;
    }
    finished = true;
  } finally {
    if (!finished) await it.return?.();
  }
}

/** A terminal's records are the records it consumed. */
async function* countingInput(
  source: BatchStream,
  node: StreamNode,
  state: NodeState,
  emit: (e: RunEvent) => void,
  check: () => void,
): AsyncGenerator<RecordBatch> {
  for await (const batch of source) {
    check();
    state.records += batch.length;
    emit({ type: "progress", node: node.id, records: state.records });
    yield batch;
  }
}

async function* emptyStream(): AsyncGenerator<RecordBatch> {
  // A disabled source emits nothing.
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
