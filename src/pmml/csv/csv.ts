/**
 * RFC 4180 CSV: fields separated by a delimiter, records by CRLF (LF and CR are accepted too),
 * fields optionally in double quotes with "" for a quote inside; quoted fields may span lines.
 */
import { PmmlError } from "../errors.js";

export function parseCsv(text: string, separator = ","): string[][] {
  if (separator.length !== 1 || separator === '"' || separator === "\n" || separator === "\r") {
    throw new PmmlError("PMML_INVALID", `CSV separator must be one character other than a quote or line break, got ${JSON.stringify(separator)}`);
  }
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let quoted = false;
  let fieldStarted = false;
  let line = 1;
  while (i < n) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== separator && next !== "\n" && next !== "\r") {
          throw new PmmlError("PMML_INVALID", `CSV line ${line}: text after a closing quote`, { line });
        }
        continue;
      }
      if (c === "\n") line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      i++;
      continue;
    }
    if (c === separator) {
      row.push(field);
      field = "";
      fieldStarted = false;
      i++;
      continue;
    }
    if (c === "\n" || c === "\r") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      fieldStarted = false;
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      continue;
    }
    field += c;
    fieldStarted = true;
    i++;
  }
  if (quoted) throw new PmmlError("PMML_INVALID", `CSV: a quoted field starting before line ${line} is not closed`, { line });
  if (fieldStarted || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function formatCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isNaN(v) ? "NaN" : v === Infinity ? "INF" : v === -Infinity ? "-INF" : String(v);
  return String(v);
}

export function writeCsv(header: readonly string[], rows: Iterable<readonly unknown[]>, separator = ","): string {
  const quote = (s: string): string =>
    s.includes(separator) || s.includes('"') || s.includes("\n") || s.includes("\r") ? `"${s.replace(/"/g, '""')}"` : s;
  const lines = [header.map(quote).join(separator)];
  for (const r of rows) lines.push(r.map((v) => quote(formatCell(v))).join(separator));
  return lines.join("\r\n") + "\r\n";
}
