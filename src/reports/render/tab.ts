/**
 * TAB rendering: tab-separated text of a document's tables (Modeler's "Formatted (*.tab)"
 * export of output windows), with a header row and the stream's value formats. Text content
 * is written as plain lines. Charts have no TAB form.
 */
import type { StreamSettings } from "../../data/settings.js";
import type { DocumentContent, OutputDocument, TableContent } from "../document.js";
import { documentValueFormatter } from "../format-value.js";
import { ModelerBatchError } from "../../errors.js";

export function renderTab(doc: OutputDocument, settings?: StreamSettings): string {
  return renderContent(doc, doc.content, settings);
}

function renderContent(doc: OutputDocument, content: DocumentContent, settings?: StreamSettings): string {
  switch (content.kind) {
    case "table":
      return renderTable(content, settings);
    case "text":
      return content.sections.map((s) => [...(s.heading ? [s.heading] : []), ...s.lines].join("\n")).join("\n\n") + "\n";
    case "composite":
      return content.parts.map((p) => renderContent(doc, p, settings)).join("\n");
    case "chart":
      throw new ModelerBatchError("REPORT_FORMAT", `document "${doc.title}" of node ${doc.nodeId} is a chart, which has no TAB form`, { node: doc.nodeId, format: "TAB" });
  }
}

/** Tabs and line breaks inside values would break the grid; they become spaces. */
function clean(text: string): string {
  return text.replace(/[\t\r\n]+/g, " ");
}

function renderTable(t: TableContent, settings?: StreamSettings): string {
  const formatters = t.columns.map((c) => documentValueFormatter(c.storage, settings));
  const lines = [t.columns.map((c) => clean(c.name)).join("\t")];
  for (const row of t.rows) lines.push(row.map((v, c) => clean(formatters[c]!(v))).join("\t"));
  return lines.join("\n") + "\n";
}
