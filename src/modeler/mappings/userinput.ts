/**
 * User Input (`UserInputNode` → `userinput`): `userFieldTable/fields/field{name, storage,
 * values}` → `names`, `custom_storage`, `data` (values as typed, space separated);
 * `dataMode` combine/order.
 */
import { StrWriteError } from "../errors.js";
import { child, childText, elements, makeElement, replaceChild } from "../xml/dom.js";
import { enumCodec, makeRow, warnIfRows } from "./codecs.js";
import { defineXmlMapping, type PropertyCodec } from "./types.js";
import type { FiElement } from "../xml/dom.js";

/** Tokens seen in userFieldTable and typeTable storages of real files. */
const STORAGES: Readonly<Record<string, string>> = { string: "String", integer: "Integer", real: "Real", date: "Date", timestamp: "Timestamp" };
const STORAGE_TOKENS = new Map(Object.entries(STORAGES).map(([x, s]) => [s, x]));

function fieldsOf(props: FiElement): FiElement[] | undefined {
  const table = child(props, "userFieldTable");
  return table ? elements(child(table, "fields") ?? makeElement("fields")) : undefined;
}

/** Writes one part of every field entry, creating entries for new names in order. */
function writePart(props: FiElement, names: readonly string[], part: (field: FiElement, name: string) => void): void {
  const existing = fieldsOf(props) ?? [];
  const byName = new Map(existing.map((f) => [childText(f, "name") ?? "", f]));
  const fields = names.map((n) => byName.get(n) ?? makeRow([["name", n]], "field"));
  for (const f of fields) part(f, childText(f, "name") ?? "");
  replaceChild(props, "userFieldTable", makeElement("userFieldTable", {}, [makeElement("fields", {}, fields)]));
}

function currentNames(props: FiElement): string[] {
  return (fieldsOf(props) ?? []).map((f) => childText(f, "name") ?? "");
}

function keyed(part: "values" | "storage"): PropertyCodec {
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

export const userInputMapping = defineXmlMapping({
  properties: {
    names: {
      xml: "userFieldTable/fields/field/name",
      read: (props) => fieldsOf(props)?.map((f) => childText(f, "name") ?? ""),
      write(props, value) {
        if (!Array.isArray(value)) throw new StrWriteError("names needs a list of field names", { xml: "userFieldTable" });
        writePart(props, value.map(String), () => {});
      },
    },
    data: keyed("values"),
    custom_storage: keyed("storage"),
    data_mode: enumCodec("dataMode", { combine: "Combined", order: "Ordered" }),
  },
  check(props, ctx) {
    warnIfRows(props, "typeTable", ctx, "the userinput node has no Types properties; measurement levels come from the storage");
    warnIfRows(props, "filterTable", ctx, "the userinput node has no Filter properties");
  },
});
