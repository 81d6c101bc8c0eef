/**
 * Where node files are: streams from other machines hold absolute paths of their author's
 * disk (`C:\Users\...\drug.csv`, `/Users/x/...`). A file source is found at its path, then
 * relative to the stream file, then by base name under the folders given with `--file-root`.
 * A missing file is an error naming the node and every path tried.
 */
import { access } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import { ModelerBatchError } from "../errors.js";
import type { StreamNode } from "../stream/model.js";

export class FileNotFoundError extends ModelerBatchError {
  constructor(node: StreamNode, property: string, path: string, tried: string[]) {
    super(
      "FILE_NOT_FOUND",
      `node "${node.name ?? node.id}" (id ${node.id}, ${node.type}): file "${path}" of property "${property}" was not found; tried ${tried.map((t) => `"${t}"`).join(", ")}. Give the folder that holds it with --file-root, or set the property with --set ${node.id}.${property}=<path>`,
      { node: node.id, property, path, tried },
    );
  }
}

/** Base name of a path written on any platform. */
export function portableBaseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

function isWindowsPath(path: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(path) || path.startsWith("\\\\");
}

/** Whether a file or folder exists at `p` (one `access` call). */
export async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

export async function findInputFile(node: StreamNode, property: string, path: string, baseDir: string | undefined, fileRoots: readonly string[]): Promise<string> {
  const tried: string[] = [];
  const candidates: string[] = [];
  if (!isWindowsPath(path)) {
    if (isAbsolute(path)) candidates.push(path);
    else {
      if (baseDir) candidates.push(resolve(baseDir, path));
      candidates.push(resolve(path));
    }
  }
  const base = portableBaseName(path);
  for (const root of fileRoots) candidates.push(resolve(root, base));
  for (const c of candidates) {
    if (tried.includes(c)) continue;
    tried.push(c);
    if (await exists(c)) return c;
  }
  throw new FileNotFoundError(node, property, path, tried);
}

/**
 * Where a node writes: under the run's output folder when one is given (by base name for
 * absolute paths from another machine), else relative to the working folder.
 */
export function outputFilePath(path: string, outDir: string | undefined): string {
  if (outDir) {
    if (isWindowsPath(path) || isAbsolute(path)) return join(resolve(outDir), portableBaseName(path));
    return resolve(outDir, path);
  }
  if (isWindowsPath(path)) return resolve(portableBaseName(path));
  return resolve(path);
}
