/**
 * Saving the stream a TRAINING job refreshed: as `.stream.json` in the output folder, named
 * after the stream.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { writeStreamJson } from "../stream/json-format.js";
import type { Stream } from "../stream/model.js";

export async function saveTrainedStream(updated: Stream, _original: Stream, outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const base = updated.name.replace(/[^A-Za-z0-9_.-]/g, "_") || "stream";
  const jsonPath = join(outDir, `${base}.stream.json`);
  await writeFile(jsonPath, writeStreamJson(updated));
  return [jsonPath];
}
