/**
 * Reading any stream file: the open JSON format, or a Modeler `.str`. Both give the same
 * `Stream`; the caller cannot tell them apart.
 */
import { readFile } from "node:fs/promises";
import { ModelerBatchError } from "../errors.js";
import { STREAM_OPTION_NAMES } from "../data/settings.js";
import { importStr } from "../modeler/import/index.js";
import type { StrLimits } from "../modeler/limits.js";
import { defaultRegistry, type NodeRegistry } from "../nodes/registry.js";
import { readStreamJson } from "../stream/json-format.js";
import type { Stream } from "../stream/model.js";

export interface LoadStreamOptions {
  readonly registry?: NodeRegistry;
  /** Bounds on reading `.str` files (sizes, member count, compression ratio). */
  readonly strLimits?: Partial<StrLimits>;
}

export type StreamFileFormat = "json" | "str";

export function streamFileFormat(path: string, bytes?: Uint8Array): StreamFileFormat {
  if (bytes && bytes.length >= 2 && bytes[0] === 0x50 && bytes[1] === 0x4b) return "str";
  if (/\.str$/i.test(path)) return "str";
  return "json";
}

export async function loadStream(path: string, options: LoadStreamOptions = {}): Promise<Stream> {
  const registry = options.registry ?? defaultRegistry();
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new ModelerBatchError("FILE_NOT_FOUND", `cannot read stream file "${path}": ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { path });
  }
  return parseStreamBytes(bytes, path, registry, options.strLimits);
}

export function parseStreamBytes(bytes: Uint8Array, path: string, registry: NodeRegistry = defaultRegistry(), strLimits?: Partial<StrLimits>): Stream {
  if (streamFileFormat(path, bytes) === "str") {
    return importStr(bytes, { path, registry, ...(strLimits && { limits: strLimits }) });
  }
  return readStreamJson(Buffer.from(bytes).toString("utf8"), { path, nodeTypes: registry.propertySchemas(), streamOptions: STREAM_OPTION_NAMES });
}
