import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import yauzl from "yauzl";

/** The repository root (this file is test/modeler/fastinfoset/helpers/corpus.ts). */
export const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

/** The shared dev corpus, as CI lays it out next to the repository. */
export const CORPUS_DIR = path.resolve(REPO_ROOT, "../shared/fixtures/modeler-str");
export const CORPUS_AVAILABLE = existsSync(path.join(CORPUS_DIR, "str"));
export const CORPUS_SKIP_REASON = `Modeler corpus not found at ${CORPUS_DIR}; corpus tests skipped`;

export interface CorpusFile {
  /** File name without `.str`, also the name of the reference decoding in `decoded/`. */
  name: string;
  strPath: string;
  referencePath: string;
}

export function corpusFiles(): CorpusFile[] {
  if (!CORPUS_AVAILABLE) return [];
  return readdirSync(path.join(CORPUS_DIR, "str"))
    .filter((f) => f.endsWith(".str"))
    .sort()
    .map((f) => {
      const name = f.slice(0, -4);
      return { name, strPath: path.join(CORPUS_DIR, "str", f), referencePath: path.join(CORPUS_DIR, "decoded", `${name}.xml`) };
    });
}

/**
 * The main member of a `.str` (the one top-level ZIP member), found by position: its name may be
 * non-ASCII without the UTF-8 flag, so it is never matched by name.
 */
export function readMainMember(strPath: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    yauzl.open(strPath, { lazyEntries: true, strictFileNames: false }, (openError, zip) => {
      if (openError || !zip) return reject(openError ?? new Error(`cannot open ${strPath}`));
      zip.on("error", reject);
      zip.on("end", () => reject(new Error(`${strPath} has no top-level member`)));
      zip.on("entry", (entry: yauzl.Entry) => {
        if (entry.fileName.includes("/")) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error("no stream"));
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("error", reject);
          stream.on("end", () => {
            zip.close();
            resolve(Buffer.concat(chunks));
          });
        });
      });
      zip.readEntry();
    });
  });
}
