/**
 * Writing changed settings of an extension node back into its `Parameters` member: only the
 * `<Parameter>` elements that changed are replaced in the member's text (or added before
 * `</Parameters>`), so every other byte stays as Modeler saved it.
 */
import type { ExtensionParameters, ParameterChange } from "../../nodes/common/str-mapping/index.js";
import type { StrContainer } from "../container/str-file.js";
import { StrWriteError } from "../errors.js";
import { parametersMemberText, parseParameters } from "../import/parameters.js";
import type { MemberPlan } from "./members.js";

/** The parameters of a node's member, with the text they were read from. */
export interface OpenParameters {
  readonly params: ExtensionParameters;
  readonly text: string;
}

export function openParameters(member: string | undefined, container: StrContainer | undefined, describe: string): OpenParameters {
  if (member === undefined || container === undefined) {
    throw new StrWriteError(`${describe}: its settings live in a Parameters member, and the node has none to write into (only nodes read from a .str have one)`, {});
  }
  const read = parametersMemberText(member, container);
  if ("problem" in read) throw new StrWriteError(`${describe}: ${read.problem}, so its changed settings cannot be written`, { member });
  const params = parseParameters(read.text, member);
  if ("problem" in params) throw new StrWriteError(`${describe}: ${params.problem}, so its changed settings cannot be written`, { member });
  return { params, text: read.text };
}

/** Replaces the member with its text patched by the recorded changes. */
export function saveParameters(open: OpenParameters, plan: MemberPlan): void {
  if (open.params.changes.size === 0) return;
  plan.replace(open.params.member, new Uint8Array(Buffer.from(patchParametersText(open.text, open.params.changes), "utf8")));
}

export function patchParametersText(text: string, changes: ReadonlyMap<string, ParameterChange>): string {
  let out = text;
  for (const [name, change] of changes) {
    const replacement = parameterElement(name, change);
    const span = findParameter(out, name);
    if (span) out = out.slice(0, span.start) + replacement + out.slice(span.end);
    else {
      const end = out.lastIndexOf("</Parameters>");
      if (end < 0) throw new StrWriteError(`the Parameters member has no closing </Parameters>, so parameter ${name} cannot be added`, { parameter: name });
      out = `${out.slice(0, end)}${replacement}\n${out.slice(end)}`;
    }
  }
  return out;
}

/** The text span of `<Parameter name="…" …/>` or `<Parameter name="…">…</Parameter>`. */
function findParameter(text: string, name: string): { start: number; end: number } | undefined {
  const open = new RegExp(`<Parameter\\s+name="${escapeRegExp(escapeXml(name))}"[^>]*?(/?)>`, "g");
  const m = open.exec(text);
  if (!m) return undefined;
  const start = m.index;
  if (m[1] === "/") return { start, end: start + m[0].length };
  // A parameter's content (lists, structured values) holds no nested <Parameter>.
  const close = text.indexOf("</Parameter>", start + m[0].length);
  if (close < 0) throw new StrWriteError(`parameter ${name} of the Parameters member is not closed`, { parameter: name });
  return { start, end: close + "</Parameter>".length };
}

/** A `<Parameter>` element in the layout Modeler writes (one element per line). */
function parameterElement(name: string, change: ParameterChange): string {
  const n = escapeXml(name);
  if ("value" in change) return `<Parameter name="${n}" value="${escapeXml(change.value)}"/>`;
  if ("list" in change) {
    if (change.list.length === 0) return `<Parameter name="${n}">\n<ListValue/>\n</Parameter>`;
    return `<Parameter name="${n}">\n<ListValue>\n${change.list.map((v) => `<Value value="${escapeXml(v)}"/>\n`).join("")}</ListValue>\n</Parameter>`;
  }
  return `<Parameter name="${n}"/>`;
}

/** Attribute-value escaping; line breaks and tabs as character references, so that they survive attribute normalisation. */
function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
