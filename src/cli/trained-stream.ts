/**
 * Saving the stream a TRAINING job refreshed, into the output folder, as `.str` and as
 * `.stream.json` (named after the stream). Both are attempted; if one cannot be written
 * (a `.str` nugget format we cannot write, a node the open format cannot hold), the other
 * is still written and the error names what failed.
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ModelerBatchError } from "../errors.js";
import { writeStr } from "../modeler/export/index.js";
import { streamForJson } from "../modeler/export/json-ready.js";
import type { NodeRegistry } from "../nodes/registry.js";
import { writeStreamJson } from "../stream/json-format.js";
import type { Stream } from "../stream/model.js";

/** `warn` receives what the `.str` writer reports (e.g. a CF nugget's viewer data that still describes the previous model). */
export async function saveTrainedStream(updated: Stream, registry: NodeRegistry, outDir: string, warn: (message: string) => void = () => {}): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const base = updated.name.replace(/[^A-Za-z0-9_.-]/g, "_") || "stream";
  const written: string[] = [];
  const failures: string[] = [];
  const attempt = async (file: string, make: () => Uint8Array | string) => {
    try {
      const path = join(outDir, file);
      await writeFile(`${path}.part`, make());
      await rename(`${path}.part`, path);
      written.push(path);
    } catch (err) {
      if (!(err instanceof ModelerBatchError)) throw err;
      failures.push(`${file}: ${err.message}`);
    }
  };
  await attempt(`${base}.str`, () => {
    const { bytes, warnings } = writeStr(updated, { registry });
    warnings.forEach((w) => warn(`${base}.str: ${w}`));
    return bytes;
  });
  await attempt(`${base}.stream.json`, () => writeStreamJson(streamForJson(updated, registry).stream));
  if (failures.length > 0) {
    throw new ModelerBatchError(
      "TRAINED_STREAM",
      `the trained stream could not be saved in every format: ${failures.join("; ")}${written.length > 0 ? `; written: ${written.join(", ")}` : ""}`,
      { written, failures },
    );
  }
  return written;
}
