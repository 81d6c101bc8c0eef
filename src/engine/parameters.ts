/**
 * Stream parameters at run time: the stream's table, overridden by the caller (`--param`,
 * a job's `parameterOverride`), each converted to its storage. An unknown name or a value
 * that does not convert is an error saying which and why.
 */
import { ModelerBatchError } from "../errors.js";
import type { StreamSettings } from "../data/settings.js";
import type { Storage } from "../data/storage.js";
import { finiteOrNull, parseIsoDate, parseIsoTime, parseIsoTimestamp, type Value } from "../data/values.js";
import type { ParameterValue } from "../nodes/definition.js";
import type { Stream } from "../stream/model.js";

export class ParameterError extends ModelerBatchError {
  constructor(message: string, details: Record<string, unknown>) {
    super("PARAMETER", message, details);
  }
}

export type ParameterOverrides = Readonly<Record<string, string | number | boolean | null>>;

export function resolveParameters(stream: Stream, overrides: ParameterOverrides = {}, _settings?: StreamSettings): Map<string, ParameterValue> {
  const out = new Map<string, ParameterValue>();
  for (const p of stream.parameters) {
    out.set(p.name, { storage: p.storage, value: convertParameter(p.name, p.storage, p.value) });
  }
  for (const [name, raw] of Object.entries(overrides)) {
    const current = out.get(name);
    if (!current) {
      const known = stream.parameters.map((p) => p.name);
      throw new ParameterError(`the stream has no parameter "${name}"; its parameters are: ${known.join(", ") || "none"}`, { parameter: name, known });
    }
    out.set(name, { storage: current.storage, value: convertParameter(name, current.storage, raw) });
  }
  return out;
}

/** Converts a JSON or text value to the run-time value of a storage. */
export function convertParameter(name: string, storage: Storage, raw: string | number | boolean | null): Value {
  if (raw === null) return null;
  const fail = (expected: string): never => {
    throw new ParameterError(`parameter "${name}" is ${storage}: ${JSON.stringify(raw)} is not ${expected}`, { parameter: name, storage, value: raw });
  };
  switch (storage) {
    case "integer": {
      if (typeof raw === "number") return Number.isInteger(raw) ? raw : fail("a whole number");
      const text = String(raw).trim();
      if (!/^[+-]?\d+$/.test(text)) return fail("a whole number");
      const big = BigInt(text);
      return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
    }
    case "real": {
      const n = typeof raw === "number" ? raw : String(raw).trim() === "" ? NaN : Number(raw);
      return finiteOrNull(n) ?? fail("a number");
    }
    case "date": {
      const v = parseIsoDate(String(raw));
      return v ?? fail("a date (YYYY-MM-DD)");
    }
    case "time": {
      const v = parseIsoTime(String(raw));
      return v ?? fail("a time (HH:MM:SS)");
    }
    case "timestamp": {
      const v = parseIsoTimestamp(String(raw));
      return v ?? fail("a timestamp (YYYY-MM-DD HH:MM:SS)");
    }
    case "string":
    case "unknown":
      return typeof raw === "string" ? raw : String(raw);
  }
}
