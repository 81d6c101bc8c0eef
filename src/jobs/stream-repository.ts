/**
 * Where AUTO_REFRESH puts the stream it retrained. The service stores streams in its own
 * repository (files of `/pm/v1/file`); the command line replaces the stream file it was
 * given. Either way the previous version is kept as a numbered backup.
 */
import { copyFile, rename, writeFile } from "node:fs/promises";
import { exists } from "../engine/files.js";
import { ModelerBatchError } from "../errors.js";
import { writeStr } from "../modeler/export/index.js";
import type { NodeRegistry } from "../nodes/registry.js";
import { writeStreamJson } from "../stream/json-format.js";
import type { Stream } from "../stream/model.js";

export interface StreamRepository {
  /**
   * Stores `bytes` as the new content of stream `id`, keeping the previous content as a
   * numbered backup. Returns the backup's name (or path).
   */
  replace(id: string, bytes: Uint8Array): Promise<{ readonly backup: string }>;
}

/** A repository whose ids are file paths: `drug.str` is backed up as `drug.str.1`, `.2`, ... */
export class FileStreamRepository implements StreamRepository {
  async replace(path: string, bytes: Uint8Array): Promise<{ backup: string }> {
    let n = 1;
    while (await exists(`${path}.${n}`)) n++;
    const backup = `${path}.${n}`;
    await copyFile(path, backup);
    // Written beside the target and renamed over it, so a failure never leaves half a stream.
    await writeFile(`${path}.part`, bytes);
    await rename(`${path}.part`, path);
    return { backup };
  }
}

/** The stream in the format it was read from: `.str` stays `.str`, the open format stays JSON. */
export function serializeStreamLikeSource(stream: Stream, registry: NodeRegistry): Uint8Array {
  if (stream.source?.format === "str") return writeStr(stream, { registry }).bytes;
  if (stream.source?.format === "json") return new TextEncoder().encode(writeStreamJson(stream));
  throw new ModelerBatchError("JOB_ACTION", `AUTO_REFRESH needs a stream read from a file (.str or .stream.json); stream "${stream.name}" was built in memory`, {});
}
