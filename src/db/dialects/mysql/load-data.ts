/**
 * MySQL / MariaDB bulk path: `LOAD DATA LOCAL INFILE` fed from the batches through a stream
 * (no file), in the tab-separated format with backslash escapes and `\N` for NULL.
 *
 * A LOCAL load turns the server's errors into warnings (it cannot stop the client's
 * transfer), so every warning after the load is treated as an error: a value a column
 * refuses fails the export as it would with INSERTs, and the export then rolls back or drops
 * its staging table. Used only when the server allows local infile (`@@local_infile`);
 * otherwise the bulk path is multi-row INSERTs.
 */
import { once } from "node:events";
import { PassThrough } from "node:stream";
import type { Connection } from "mysql2";
import type { Column } from "../../../data/batch.js";
import type { Storage } from "../../../data/storage.js";
import type { Value } from "../../../data/values.js";
import { CancelledError } from "../../../errors.js";
import { valueText } from "../../db-values.js";
import type { DriverSession, RowWriter } from "../../dialect.js";
import { escapeCopyText } from "../postgres/copy.js";

const NULL = "\\N";

function encoder(storage: Storage): (v: Value) => string {
  return (v) => {
    if (v === null) return NULL;
    if (typeof v === "number" && (storage === "integer" || storage === "real")) return String(v);
    return escapeCopyText(valueText(v, storage) ?? "");
  };
}

/** True when the server accepts LOAD DATA LOCAL (asked once per connection). */
export async function localInfileAllowed(session: DriverSession): Promise<boolean> {
  const raw = session.raw as { __mbLocalInfile?: boolean };
  if (raw.__mbLocalInfile === undefined) {
    const r = await session.execute("SELECT @@GLOBAL.local_infile");
    raw.__mbLocalInfile = Number(r.rows[0]?.[0]) === 1;
  }
  return raw.__mbLocalInfile;
}

export function loadDataWriter(session: DriverSession, table: string, columns: ReadonlyArray<{ name: string; storage: Storage }>, quote: (n: string) => string, signal?: AbortSignal): RowWriter {
  const conn = session.raw as Connection & { stream?: NodeJS.WritableStream & { writableLength?: number } };
  const encoders = columns.map((c) => encoder(c.storage));
  const width = columns.length;
  const data = new PassThrough({ highWaterMark: 4 << 20 });
  data.on("error", () => undefined);
  let failure: unknown;
  const sql = `LOAD DATA LOCAL INFILE 'modeler-batch-stream' INTO TABLE ${table} CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (${columns.map((c) => quote(c.name)).join(", ")})`;
  const done = new Promise<{ warningStatus?: number; affectedRows?: number }>((resolve, reject) => {
    conn.query({ sql, infileStreamFactory: () => data }, (err, result) => {
      if (err) {
        failure ??= err;
        data.destroy();
        reject(err);
      } else resolve(result as { warningStatus?: number });
    });
  });
  done.catch(() => undefined);
  let written = 0;
  return {
    async write(cols: readonly Column[], length: number) {
      if (failure) throw failure;
      if (signal?.aborted) throw new CancelledError();
      let text = "";
      for (let r = 0; r < length; r++) {
        let line = encoders[0]!(cols[0]![r]!);
        for (let c = 1; c < width; c++) line += "\t" + encoders[c]!(cols[c]![r]!);
        text += line + "\n";
      }
      written += length;
      // mysql2 hands the stream's chunks to the socket without waiting: wait here instead.
      if (!data.write(Buffer.from(text, "utf8"))) await Promise.race([once(data, "drain"), done]);
      const socket = conn.stream;
      while (!failure && socket && (socket.writableLength ?? 0) > 8 << 20) await Promise.race([once(socket, "drain"), done]);
      if (failure) throw failure;
    },
    async finish() {
      data.end();
      const result = await done;
      if ((result.warningStatus ?? 0) > 0) {
        const warnings = await session.execute("SHOW WARNINGS LIMIT 3");
        const refused = warnings.rows.filter((w) => String(w[0]) !== "Note");
        if (refused.length > 0) throw new Error(`the database refused values: ${refused.map((w) => `${w[2]} (${w[1]})`).join("; ")}`);
      }
      return written;
    },
    async abort() {
      // Ending the data ends the LOAD with the rows sent so far; the export then rolls them
      // back or drops its staging table. (Destroying the stream would leave the server
      // waiting for the rest of the file.)
      if (!data.writableEnded) data.end();
      await done.catch(() => undefined);
    },
  };
}
