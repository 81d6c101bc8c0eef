/**
 * HTML rendering of documents: a standalone page per document, readable without scripts or
 * external styles, with values escaped.
 */
import type { StreamSettings } from "../../data/settings.js";
import type { DocumentContent, OutputDocument, TableContent, TextContent } from "../document.js";
import { documentValueFormatter } from "../format-value.js";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;font-size:0.9em}th,td{border:1px solid #bbb;padding:2px 8px}
th{background:#eef2f7;text-align:left}td.n{text-align:right}td.null{color:#888}caption{text-align:left;font-weight:600;margin:.5em 0}`;

export function renderHtml(doc: OutputDocument, settings?: StreamSettings): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(doc.title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(doc.title)}</h1>
${renderContent(doc.content, settings)}
</body></html>
`;
}

function renderContent(content: DocumentContent, settings?: StreamSettings): string {
  switch (content.kind) {
    case "table":
      return renderTable(content, settings);
    case "text":
      return renderText(content);
    case "composite":
      return content.parts.map((p) => renderContent(p, settings)).join("\n");
    case "chart":
      throw new Error("charts are rendered by the graph renderers, not as HTML tables");
  }
}

function renderTable(t: TableContent, settings?: StreamSettings): string {
  const formatters = t.columns.map((c) => documentValueFormatter(c.storage, settings));
  const numeric = t.columns.map((c) => c.storage === "integer" || c.storage === "real");
  const head = `<tr><th></th>${t.columns.map((c) => `<th>${escapeHtml(c.name)}</th>`).join("")}</tr>`;
  const body: string[] = [];
  t.rows.forEach((row, i) => {
    const cells = row.map((v, c) => {
      const cls = v === null ? ' class="null"' : numeric[c] ? ' class="n"' : "";
      return `<td${cls}>${escapeHtml(formatters[c]!(v))}</td>`;
    });
    body.push(`<tr><td class="n">${i + 1}</td>${cells.join("")}</tr>`);
  });
  const note = t.totalRows !== undefined && t.totalRows > t.rows.length ? `<p>Showing ${t.rows.length} of ${t.totalRows} records.</p>` : "";
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body.join("\n")}\n</tbody>\n</table>${note}`;
}

function renderText(t: TextContent): string {
  return t.sections
    .map((s) => `${s.heading ? `<h2>${escapeHtml(s.heading)}</h2>` : ""}<pre>${escapeHtml(s.lines.join("\n"))}</pre>`)
    .join("\n");
}
