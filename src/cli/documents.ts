/**
 * Writing a run's documents into the output folder, one file per document in the chosen
 * format, named after the producing node.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { StreamSettings } from "../data/settings.js";
import { UsageError } from "../errors.js";
import type { OutputDocument } from "../reports/document.js";
import { renderHtml } from "../reports/render/html.js";
import { renderTab } from "../reports/render/tab.js";

const RENDERERS: Record<string, { ext: string; render: (d: OutputDocument, s?: StreamSettings) => string }> = {
  html: { ext: "html", render: renderHtml },
  tab: { ext: "tab", render: renderTab },
};

export const DOCUMENT_FORMATS = Object.keys(RENDERERS);

export async function writeDocuments(docs: readonly OutputDocument[], outDir: string, format: string, settings?: StreamSettings): Promise<string[]> {
  const renderer = RENDERERS[format.toLowerCase()];
  if (!renderer) throw new UsageError(`--format must be one of ${DOCUMENT_FORMATS.join(", ")} (got "${format}")`);
  await mkdir(outDir, { recursive: true });
  const used = new Set<string>();
  const files: string[] = [];
  for (const doc of docs) {
    let base = doc.nodeId.replace(/[^A-Za-z0-9_.-]/g, "_");
    for (let i = 2; used.has(base); i++) base = `${doc.nodeId}-${i}`;
    used.add(base);
    const path = join(outDir, `${base}.${renderer.ext}`);
    await writeFile(path, renderer.render(doc, settings));
    files.push(path);
  }
  return files;
}
