/**
 * The stream side of `COPY … FROM STDIN`, shared by the text (copy.ts) and binary (binary.ts)
 * writers: they differ only in how a batch becomes bytes.
 *
 * - Large buffers (8 MiB) let the server ingest while the next batch is being prepared.
 * - A connection that dies mid-COPY may not fail the COPY stream, so the client is watched
 *   too; the first failure is kept and rethrown by every later call.
 * - `abort` ends the COPY with CopyFail: until then the connection takes no ROLLBACK. After a
 *   server error the COPY is already over, and on a dead connection no answer comes: then
 *   there is nothing to wait for (and never more than 10 s).
 */
import type { Client } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { CancelledError } from "../../../errors.js";

export interface CopyIn {
  /** Throws the first failure, or CancelledError once `signal` fired. */
  check(): void;
  /** Sends a chunk, waiting while the stream is over its buffer. */
  send(chunk: string | Buffer): Promise<void>;
  /** Sends the last chunk (if any) and waits until the server has taken everything. */
  end(last?: Buffer): Promise<void>;
  abort(): Promise<void>;
}

/** `preamble`: bytes the format puts before any row (the binary header), written at once. */
export function openCopyIn(client: Client, copySql: string, signal?: AbortSignal, preamble?: Buffer): CopyIn {
  const stream = client.query(copyFrom(copySql, { highWaterMark: 8 << 20 }));
  let failure: unknown;
  stream.on("error", (err) => {
    failure ??= err;
  });
  const onEnd = () => {
    failure ??= new Error("the connection ended during COPY");
  };
  client.once("end", onEnd);
  if (preamble) stream.write(preamble);
  const wait = (event: "drain" | "finish") =>
    new Promise<void>((resolve, reject) => {
      const cleanup = () => {
        stream.off(event, ok);
        stream.off("error", fail);
        client.off("end", fail);
      };
      const ok = () => {
        cleanup();
        resolve();
      };
      const fail = (err?: unknown) => {
        cleanup();
        reject(err ?? failure);
      };
      stream.once(event, ok);
      stream.once("error", fail);
      client.once("end", fail);
    });
  const check = () => {
    if (failure) throw failure;
    if (signal?.aborted) throw new CancelledError();
  };
  return {
    check,
    async send(chunk) {
      if (!stream.write(chunk)) await wait("drain");
      if (failure) throw failure;
    },
    async end(last) {
      if (failure) throw failure;
      const done = wait("finish");
      if (last) stream.end(last);
      else stream.end();
      await done;
      client.off("end", onEnd);
    },
    abort() {
      client.off("end", onEnd);
      return new Promise<void>((resolve) => {
        if (failure || stream.destroyed || stream.writableFinished) return resolve();
        const done = () => {
          clearTimeout(timer);
          client.off("end", done);
          resolve();
        };
        const timer = setTimeout(done, 10_000);
        stream.once("close", done);
        client.once("end", done);
        stream.on("error", () => undefined);
        stream.destroy(new Error("export abandoned"));
      });
    },
  };
}
