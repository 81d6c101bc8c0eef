/**
 * Which fields a Merge outputs, and from where.
 *
 * Inputs are taken in input (link) order and their fields in schema order. A field whose name
 * is already in the output is a duplicate: the first input's field wins and later ones are
 * dropped, unless the node's Filter-tab settings rename them. Those settings are keyed by
 * `<tag>.<field>` (the input's tag, see `inputTags`): `new_name` renames, `include: false`
 * drops. With `common_keys` the key fields appear once, where the first input has them, and
 * take their value from whichever input holds the record.
 */
import { defaultMeasureFor, type Field } from "../../data/field.js";
import { Schema } from "../../data/schema.js";
import { isNumericStorage, storageLabel, type Storage } from "../../data/storage.js";
import type { NodeContext } from "../definition.js";
import { NodePropertyError } from "../properties.js";

export type FieldSource =
  | { readonly kind: "field"; readonly input: number; readonly column: number }
  /** A common key: the value of key `key` from the first input that holds the record. */
  | { readonly kind: "key"; readonly key: number };

export interface MergedFields {
  readonly schema: Schema;
  readonly sources: readonly FieldSource[];
  /** Per input, the column index of each key field (Keys method). */
  readonly keyColumns: readonly (readonly number[])[];
}

export interface MergeFieldOptions {
  readonly tags: readonly string[];
  readonly keys: readonly string[];
  readonly commonKeys: boolean;
  /** Anti-join: only the first input's fields. */
  readonly firstInputOnly: boolean;
  /** Report later duplicates that are dropped (once, when the schema is computed). */
  readonly warn: boolean;
}

export function mergedFields(ctx: NodeContext, inputs: readonly Schema[], o: MergeFieldOptions): MergedFields {
  const where = `node "${ctx.node.id}" (merge)`;
  const include = ctx.props.keyed<boolean>("include");
  const renames = ctx.props.keyed<string>("new_name");
  const used = new Set<string>();
  const qualified = (i: number, name: string) => `${o.tags[i]}.${name}`;
  // Settings must name a field of some input, so a typo is not silently without effect.
  for (const key of [...Object.keys(include), ...Object.keys(renames)]) {
    if (!inputs.some((s, i) => key.startsWith(`${o.tags[i]}.`) && s.has(key.slice(o.tags[i]!.length + 1)))) {
      throw new NodePropertyError(
        `${where}: filter setting "${key}" names no input field; write it as <tag>.<field> with an input tag (${o.tags.join(", ")})`,
        { node: ctx.node.id, nodeType: "merge", property: key in include ? "include" : "new_name", value: key },
      );
    }
  }

  const keyColumns = inputs.map((s, i) =>
    o.keys.map((k) => {
      s.require(k, `key_fields of ${where}, input ${o.tags[i]}`);
      return s.indexOf(k);
    }),
  );
  const keyStorages = o.keys.map((k, ki) => keyStorage(ctx, k, inputs.map((s, i) => s.fields[keyColumns[i]![ki]!]!.storage)));

  const fields: Field[] = [];
  const sources: FieldSource[] = [];
  const last = o.firstInputOnly ? 1 : inputs.length;
  for (let i = 0; i < last; i++) {
    inputs[i]!.fields.forEach((f, column) => {
      const q = qualified(i, f.name);
      const ki = o.keys.indexOf(f.name);
      if (o.commonKeys && ki >= 0) {
        if (i > 0) return;
        const storage = keyStorages[ki]!;
        const name = renames[q] ?? f.name;
        used.add(name);
        fields.push(storage === f.storage ? { ...f, name } : { ...f, name, storage, measure: defaultMeasureFor(storage) });
        sources.push(o.firstInputOnly ? { kind: "field", input: 0, column } : { kind: "key", key: ki });
        return;
      }
      if (include[q] === false) return;
      const name = renames[q] ?? f.name;
      if (used.has(name)) {
        if (renames[q] !== undefined || include[q] === true) {
          throw new NodePropertyError(`${where}: field "${q}" would be named "${name}", which an earlier input already has; give it another new_name`, {
            node: ctx.node.id,
            nodeType: "merge",
            property: "new_name",
            value: q,
          });
        }
        if (o.warn) ctx.warn(`field "${f.name}" of input ${o.tags[i]} duplicates a field of an earlier input and is dropped; rename it with new_name["${q}"] to keep it`);
        return;
      }
      used.add(name);
      fields.push(name === f.name ? f : { ...f, name });
      sources.push({ kind: "field", input: i, column });
    });
  }
  return { schema: new Schema(fields), sources, keyColumns };
}

/** Key fields must have one storage in every input (integer and real match as real). */
function keyStorage(ctx: NodeContext, key: string, storages: readonly Storage[]): Storage {
  if (storages.every((s) => s === storages[0])) return storages[0]!;
  if (storages.every(isNumericStorage)) return "real";
  throw new NodePropertyError(
    `key field "${key}" of node "${ctx.node.id}" (merge) has different storages in the inputs (${storages.map(storageLabel).join(", ")}); convert it so that all inputs agree`,
    { node: ctx.node.id, nodeType: "merge", property: "key_fields", field: key },
  );
}
