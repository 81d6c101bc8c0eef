/**
 * User Input (`userinput`): records typed into the node. Each field has a list of values;
 * `Combined` makes every combination (Cartesian product, first field varying slowest),
 * `Ordered` takes the i-th value of every field (shorter lists padded with `$null$`).
 * NODES.md §1.4.
 */
import { makeBatch, type Column } from "../../data/batch.js";
import { makeField } from "../../data/field.js";
import { Schema } from "../../data/schema.js";
import { parseStorage, type Storage } from "../../data/storage.js";
import { parseIsoDate, parseIsoTime, parseIsoTimestamp, type Value } from "../../data/values.js";
import { child, childText, defineXmlMapping, elements, enumCodec, makeElement, makeRow, type PropertyCodec, replaceChild, StrWriteError, warnIfRows, type XmlElement } from "../common/str-mapping/index.js";
import { defineNode, type NodeContext } from "../definition.js";
import { NodePropertyError, fields, keyed, oneOf, prop, str } from "../properties.js";

const STORAGE_NAMES = ["Unknown", "String", "Integer", "Real", "Time", "Date", "Timestamp"];

/** Tokens seen in userFieldTable and typeTable storages of real files. */
const STORAGES: Readonly<Record<string, string>> = { string: "String", integer: "Integer", real: "Real", date: "Date", timestamp: "Timestamp" };
const STORAGE_TOKENS = new Map(Object.entries(STORAGES).map(([x, s]) => [s, x]));

function fieldsOf(props: XmlElement): XmlElement[] | undefined {
  const table = child(props, "userFieldTable");
  return table ? elements(child(table, "fields") ?? makeElement("fields")) : undefined;
}

/** Writes one part of every field entry, creating entries for new names in order. */
function writePart(props: XmlElement, names: readonly string[], part: (field: XmlElement, name: string) => void): void {
  const existing = fieldsOf(props) ?? [];
  const byName = new Map(existing.map((f) => [childText(f, "name") ?? "", f]));
  const entries = names.map((n) => byName.get(n) ?? makeRow([["name", n]], "field"));
  for (const f of entries) part(f, childText(f, "name") ?? "");
  replaceChild(props, "userFieldTable", makeElement("userFieldTable", {}, [makeElement("fields", {}, entries)]));
}

function currentNames(props: XmlElement): string[] {
  return (fieldsOf(props) ?? []).map((f) => childText(f, "name") ?? "");
}

function fieldTablePart(part: "values" | "storage"): PropertyCodec {
  return {
    xml: `userFieldTable/fields/field/${part}`,
    read(props, ctx) {
      const fields = fieldsOf(props);
      if (!fields) return undefined;
      const out: Record<string, string> = {};
      for (const f of fields) {
        const v = childText(f, part);
        if (v === undefined) continue;
        if (part === "storage" && STORAGES[v] === undefined) ctx.warn(`userFieldTable storage "${v}" has no scripting value`);
        out[childText(f, "name") ?? ""] = part === "storage" ? (STORAGES[v] ?? v) : v;
      }
      return out;
    },
    write(props, value) {
      const map = (value ?? {}) as Record<string, unknown>;
      const names = [...new Set([...currentNames(props), ...Object.keys(map)])];
      writePart(props, names, (f, name) => {
        const v = map[name];
        const el = makeElement(part, {}, v === undefined ? [] : [part === "storage" ? storageToken(v) : String(v)]);
        if (v === undefined) f.children = f.children.filter((c) => !(c.kind === "element" && c.name.localName === part));
        else replaceChild(f, part, el);
      });
    },
  };
}

function storageToken(v: unknown): string {
  const t = STORAGE_TOKENS.get(String(v));
  if (t === undefined) throw new StrWriteError(`custom_storage ${JSON.stringify(v)} has no .str form`, { xml: "userFieldTable" });
  return t;
}

/**
 * User Input (`UserInputNode` → `userinput`): `userFieldTable/fields/field{name, storage,
 * values}` → `names`, `custom_storage`, `data` (values as typed, space separated);
 * `dataMode` combine/order.
 */
const userInputMapping = defineXmlMapping({
  properties: {
    names: {
      xml: "userFieldTable/fields/field/name",
      read: (props) => fieldsOf(props)?.map((f) => childText(f, "name") ?? ""),
      write(props, value) {
        if (!Array.isArray(value)) throw new StrWriteError("names needs a list of field names", { xml: "userFieldTable" });
        writePart(props, value.map(String), () => {});
      },
    },
    data: fieldTablePart("values"),
    custom_storage: fieldTablePart("storage"),
    data_mode: enumCodec("dataMode", { combine: "Combined", order: "Ordered" }),
  },
  check(props, ctx) {
    warnIfRows(props, "typeTable", ctx, "the userinput node has no Types properties; measurement levels come from the storage");
    warnIfRows(props, "filterTable", ctx, "the userinput node has no Filter properties");
  },
});

export const userInputNode = defineNode({
  type: "userinput",
  label: "User Input",
  palette: "source",
  modelerClasses: ["UserInputNode"],
  modeler: userInputMapping,
  inputs: { min: 0, max: 0 },
  properties: [
    prop("names", fields(), [], "Fields to create, in order."),
    prop("data", keyed(str()), {}, 'Values of each field, e.g. "2, 4, 8" or "\\"a b\\" c".'),
    prop("custom_storage", keyed(oneOf(...STORAGE_NAMES)), {}, "Storage per field; Unknown detects it from the values."),
    prop("data_mode", oneOf("Combined", "Ordered"), "Combined"),
  ],
  schema(ctx) {
    return new Schema(fieldLists(ctx).map((f) => makeField(f.name, f.storage)));
  },
  async *run(ctx) {
    const lists = fieldLists(ctx);
    const schema = ctx.outputSchema;
    if (lists.length === 0) return;
    const combined = ctx.props.str("data_mode") === "Combined";
    const count = combined ? lists.reduce((n, f) => n * f.values.length, 1) : Math.max(...lists.map((f) => f.values.length));
    const columns: Column[] = lists.map(() => new Array<Value>(count));
    for (let r = 0; r < count; r++) {
      let rest = r;
      for (let c = lists.length - 1; c >= 0; c--) {
        const values = lists[c]!.values;
        if (combined) {
          columns[c]![r] = values[rest % values.length]!;
          rest = Math.floor(rest / values.length);
        } else {
          columns[c]![r] = r < values.length ? values[r]! : null;
        }
      }
    }
    yield makeBatch(schema, columns, count);
  },
});

interface FieldList {
  name: string;
  storage: Storage;
  values: Value[];
}

function fieldLists(ctx: NodeContext): FieldList[] {
  const names = ctx.props.list<string>("names");
  const data = ctx.props.keyed<string>("data");
  const storages = ctx.props.keyed<string>("custom_storage");
  for (const key of Object.keys(data)) {
    if (!names.includes(key)) throw new NodePropertyError(`node "${ctx.node.id}" (userinput) has data for "${key}", which is not in names`, { node: ctx.node.id, property: "data", field: key });
  }
  return names.map((name) => {
    const tokens = tokenize(data[name] ?? "");
    const declared = parseStorage(storages[name] ?? "Unknown") ?? "unknown";
    const storage = declared === "unknown" ? detect(tokens) : declared;
    const values = tokens.map((t) => convert(t, storage, ctx, name));
    return { name, storage, values };
  });
}

/** Values separated by commas or white space; double or single quotes keep spaces and commas. */
export function tokenize(text: string): Array<{ text: string; quoted: boolean }> {
  const out: Array<{ text: string; quoted: boolean }> = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "," || /\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const end = text.indexOf(ch, i + 1);
      const stop = end < 0 ? text.length : end;
      out.push({ text: text.slice(i + 1, stop), quoted: true });
      i = stop + 1;
      continue;
    }
    let j = i;
    while (j < text.length && text[j] !== "," && !/\s/.test(text[j]!)) j++;
    out.push({ text: text.slice(i, j), quoted: false });
    i = j;
  }
  return out;
}

function detect(tokens: Array<{ text: string; quoted: boolean }>): Storage {
  if (tokens.length === 0 || tokens.some((t) => t.quoted)) return "string";
  if (tokens.every((t) => /^[+-]?\d+$/.test(t.text))) return "integer";
  if (tokens.every((t) => t.text !== "" && Number.isFinite(Number(t.text)))) return "real";
  return "string";
}

function convert(token: { text: string }, storage: Storage, ctx: NodeContext, field: string): Value {
  const t = token.text;
  let v: Value;
  switch (storage) {
    case "integer":
      v = /^[+-]?\d+$/.test(t) ? Number(t) : null;
      break;
    case "real":
      v = t !== "" && Number.isFinite(Number(t)) ? Number(t) : null;
      break;
    case "date":
      v = parseIsoDate(t);
      break;
    case "time":
      v = parseIsoTime(t);
      break;
    case "timestamp":
      v = parseIsoTimestamp(t);
      break;
    default:
      return t;
  }
  if (v === null) {
    throw new NodePropertyError(`value "${t}" of field "${field}" in node "${ctx.node.id}" (userinput) is not a valid ${storage}`, { node: ctx.node.id, property: "data", field, value: t });
  }
  return v;
}
