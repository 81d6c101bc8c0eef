/**
 * Database export (`databaseexport`): writes the records into a table. NODES.md §5.1;
 * the job's insert modes (seed-api.md) map onto Modeler's own options:
 *
 * | job `insertMode` | `write_mode` | flag |
 * | --- | --- | --- |
 * | Create | Create | |
 * | Drop | Create | `drop_existing_table` |
 * | Append | Append | |
 * | Refresh | Append | `delete_existing_rows` |
 *
 * plus Modeler's `Merge` (`key_fields`, `join` Database = update matching rows, Add = also
 * insert the others). Nothing is lost: a failure leaves the table as it was (src/db/write).
 *
 * Choices (docs/nodes.md, "Database export"):
 * - `use_batch` / `batch_size` set the rows per INSERT statement on the plain path; the
 *   export still commits once, at the end (a partial commit would break "nothing is lost").
 * - `bulk_loading` ODBC is the dialect's bulk path, Off plain batched INSERTs: the same
 *   table either way. External loaders are not supported.
 * - `odbc_binding` (Row/Column) is an ODBC detail with no equivalent: both give the same table.
 * - `generate_import` makes a canvas node in Modeler; in a batch run it only warns.
 * - Custom CREATE TABLE / CREATE INDEX commands, indexes, table spaces, partitioning and
 *   not-logged tables are not supported: setting them is an error naming the property.
 */
import { exportTable } from "../../db/write/export.js";
import type { WriteMode } from "../../db/write/plan.js";
import { databaseConnectionFor } from "../../db/services.js";
import { defineNode, type NodeContext } from "../definition.js";
import { NodePropertyError, bool, fields, int, json, keyed, oneOf, prop, str } from "../properties.js";

const LOADER_PROPERTIES = [
  prop("specify_data_file", bool(), false),
  prop("data_file", str()),
  prop("specify_loader_program", bool(), false),
  prop("loader_program", str()),
  prop("gen_logfile", bool(), false),
  prop("logfile_name", str()),
  prop("loader_delimit_mode", oneOf("Tab", "Space", "Other"), "Tab"),
  prop("loader_other_delimiter", str()),
  prop("check_table_size", bool(), true),
  prop("loader_options", str()),
];

export const databaseExportNode = defineNode({
  type: "databaseexport",
  label: "Database",
  palette: "export",
  modelerClasses: ["DatabaseExportNode"],
  inputs: { min: 1, max: 1 },
  properties: [
    prop("dbRef", str(), undefined, "Name of the database in the job's dbDefinitions (or --db name=url)."),
    prop("datasource", str(), undefined, "Modeler's ODBC data source name; used as the database name when dbRef is absent."),
    prop("username", str(), undefined, "User to connect as (with password), instead of the definition's."),
    prop("password", str()),
    prop("epassword", str(), undefined, "Modeler's encrypted password; cannot be read (the definition's credentials are used)."),
    prop("table_name", str(), undefined, "Target table, optionally schema.table."),
    prop("write_mode", oneOf("Create", "Append", "Merge"), "Create"),
    prop("drop_existing_table", bool(), false, "Create: replace an existing table."),
    prop("delete_existing_rows", bool(), false, "Append: delete every row first."),
    prop("map", json({ type: "array", items: { type: "array", items: { type: "string" }, minItems: 2, maxItems: 2 } }, "a list of [field, column] pairs"), [], "Field → column names that differ."),
    prop("key_fields", fields(), [], "Merge: the fields identifying a row (and the primary key with export_db_primarykey)."),
    prop("join", oneOf("Database", "Add"), "Database", "Merge: update matching rows only, or also add the others."),
    prop("default_string_size", int(), 255, "First size of created string columns; they grow to the longest value."),
    prop("type", keyed(str()), {}, "SQL type of created columns, per field."),
    prop("use_custom_create_table_command", bool(), false),
    prop("custom_create_table_command", str()),
    prop("generate_import", bool(), false),
    prop("use_batch", bool(), false, "Rows per INSERT statement from batch_size (one commit at the end regardless)."),
    prop("batch_size", int(), 1000),
    prop("bulk_loading", oneOf("Off", "ODBC", "External"), "Off", "ODBC: the database's bulk path; Off: batched INSERTs."),
    prop("odbc_binding", oneOf("Row", "Column"), "Column"),
    prop("not_logged", bool(), false),
    prop("export_db_primarykey", bool(), false, "Declare key_fields as the primary key of a created table."),
    prop("indexes", json({ type: "object" }, "an object of index definitions"), {}),
    prop("use_custom_create_index_command", bool(), false),
    prop("custom_create_index_command", str()),
    prop("table_space", str()),
    prop("use_partition", bool(), false),
    prop("partition_field", str()),
    ...LOADER_PROPERTIES,
  ],
  autoName: (_node, props) => (typeof props.table_name === "string" ? props.table_name : ""),
  async execute(ctx, [input]) {
    const props = ctx.props;
    refuseUnsupported(ctx);
    const dbRef = props.str("dbRef") || props.str("datasource");
    if (dbRef === "") {
      throw new NodePropertyError(`node "${ctx.node.id}" (databaseexport) needs property "dbRef" (or Modeler's "datasource"): the name of a database in the job's dbDefinitions`, { node: ctx.node.id, property: "dbRef" });
    }
    const table = props.required("table_name");
    const password = props.str("password");
    if (password === "" && props.str("epassword") !== "") ctx.warn(`epassword (Modeler's encrypted password) cannot be read; connecting with the credentials of database "${dbRef}"`);
    const credentials = password !== "" ? { password, ...(props.str("username") !== "" && { username: props.str("username") }) } : undefined;
    const connection = databaseConnectionFor(ctx.services, dbRef, `node "${ctx.node.name ?? ctx.node.id}" (databaseexport)`, credentials);
    const mode = writeMode(ctx);
    const batchSize = props.num("batch_size", 1000);
    if (props.bool("use_batch") && !(batchSize >= 1)) throw props.unsupported("batch_size", batchSize, "it must be 1 or more");
    const result = await exportTable(
      {
        connection,
        table,
        schema: ctx.inputSchemas[0]!,
        mode,
        columnMap: columnMap(ctx),
        bulk: props.str("bulk_loading") === "ODBC",
        rowsPerStatement: props.bool("use_batch") ? batchSize : 1000,
        defaultStringSize: props.num("default_string_size", 255),
        typeOverrides: props.keyed<string>("type"),
        primaryKey: props.bool("export_db_primarykey") ? props.list<string>("key_fields") : [],
        signal: ctx.signal,
        warn: (m) => ctx.warn(m),
      },
      input!,
    );
    return { exports: [{ target: `${dbRef}:${table}`, records: result.records, mode: result.mode }] };
  },
});

function writeMode(ctx: NodeContext): WriteMode {
  const props = ctx.props;
  const mode = props.str("write_mode", "Create");
  if (mode !== "Create" && props.bool("drop_existing_table")) ctx.warn(`drop_existing_table applies to write_mode Create only; with ${mode} it has no effect`);
  if (mode !== "Append" && props.bool("delete_existing_rows")) ctx.warn(`delete_existing_rows applies to write_mode Append only; with ${mode} it has no effect`);
  if (mode === "Create") return { kind: "Create", dropExisting: props.bool("drop_existing_table") };
  if (mode === "Append") return { kind: "Append", deleteExisting: props.bool("delete_existing_rows") };
  return { kind: "Merge", keys: props.list<string>("key_fields"), insertUnmatched: props.str("join", "Database") === "Add" };
}

function columnMap(ctx: NodeContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, column] of ctx.props.list<[string, string]>("map")) {
    if (out[field] !== undefined && out[field] !== column) {
      throw new NodePropertyError(`property "map" of node "${ctx.node.id}" (databaseexport) maps field "${field}" to two columns ("${out[field]}" and "${column}")`, { node: ctx.node.id, property: "map", field });
    }
    out[field] = column;
  }
  return out;
}

function refuseUnsupported(ctx: NodeContext): void {
  const props = ctx.props;
  const refuse = (name: string, why: string) => {
    throw props.unsupported(name, props.values[name], why);
  };
  if (props.bool("use_custom_create_table_command")) refuse("use_custom_create_table_command", "tables are created from the fields' storages and the type property");
  if (props.str("bulk_loading") === "External") refuse("bulk_loading", "external loader programs are not run; use ODBC (the database's bulk path) or Off");
  if (Object.keys(props.keyed("indexes")).length > 0) refuse("indexes", "indexes are not created; create them after the export");
  if (props.bool("use_custom_create_index_command")) refuse("use_custom_create_index_command", "indexes are not created");
  if (props.str("table_space") !== "") refuse("table_space", "tables are created in the database's default table space");
  if (props.bool("use_partition")) refuse("use_partition", "partitioned tables are not created");
  if (props.bool("not_logged")) refuse("not_logged", "tables are created logged");
  if (props.bool("generate_import")) ctx.warn("generate_import creates a node on Modeler's canvas; a batch run has none, so it does nothing");
}
