/**
 * Database (`database`): rows of a table or of an SQL query. NODES.md §1.3.
 *
 * The connection comes from the run's databases (`ctx.services.databases`, see
 * src/db/services.ts) by `dbRef`, or by Modeler's `datasource` (the ODBC DSN name) when no
 * dbRef is given: `--db <DSN>=<url>` makes a Modeler stream's Database node work as saved.
 *
 * - `schema()` asks the database for the columns (catalog for a table, a zero-row query
 *   for SQL) and maps their types to storages per dialect (docs/databases.md); the Filter
 *   tab then the Types tab apply, as on the file sources.
 * - `run()` streams the rows (PostgreSQL: `COPY ... TO STDOUT`; elsewhere a cursor), never
 *   the whole result.
 * - Stream parameters in the query (`'$P-name'`) are bound as parameters, never spliced.
 * - `use_quotes` / `quote_char`: table names are looked up in the catalog (exactly, then
 *   ignoring case) and always quoted, which reads the same table whatever these say.
 * - `username` with `password` connect as that user; an `epassword` (Modeler's encrypted
 *   form) cannot be read: the definition's credentials are used, with a warning.
 */
import { makeBatch, type Column } from "../../data/batch.js";
import { makeField } from "../../data/field.js";
import { Schema } from "../../data/schema.js";
import type { Value } from "../../data/values.js";
import type { ColumnInfo } from "../../db/dialect.js";
import { describeSource, readSource, type ReadRequest } from "../../db/read.js";
import { databaseConnectionFor } from "../../db/services.js";
import { defineNode, type NodeContext } from "../definition.js";
import { NodePropertyError, oneOf, prop, str } from "../properties.js";
import { createTypeChecker, TYPE_PROPERTIES } from "../field-ops/type.js";
import { FILTER_TAB_PROPERTIES, outputPlan, type OutputPlan } from "./common/text-source.js";
import { oncePerContext } from "./common/per-context.js";

/** Types-tab and Filter-tab properties: what a job keeps of the source node it replaces. */
export const SOURCE_TAB_PROPERTY_NAMES: readonly string[] = [...TYPE_PROPERTIES, ...FILTER_TAB_PROPERTIES].map((p) => p.name);

export const databaseNode = defineNode({
  type: "database",
  label: "Database",
  palette: "source",
  modelerClasses: ["DatabaseImportNode"],
  inputs: { min: 0, max: 0 },
  properties: [
    prop("mode", oneOf("Table", "Query"), "Table", "Read a table (tablename) or an SQL query (query)."),
    prop("dbRef", str(), undefined, "Name of the database in the job's dbDefinitions (or --db name=url)."),
    prop("datasource", str(), undefined, "Modeler's ODBC data source name; used as the database name when dbRef is absent."),
    prop("username", str(), undefined, "User to connect as (with password), instead of the definition's."),
    prop("password", str(), undefined),
    prop("epassword", str(), undefined, "Modeler's encrypted password; cannot be read (the definition's credentials are used)."),
    prop("tablename", str(), undefined, "Table or view, optionally schema.table."),
    prop("query", str(), undefined, "SQL query; '$P-name' references are bound as parameters."),
    prop("strip_spaces", oneOf("None", "Left", "Right", "Both"), "None", "Trim spaces of string values (CHAR padding)."),
    prop("use_quotes", oneOf("AsNeeded", "Always", "Never"), "AsNeeded", "Accepted; names are always resolved in the catalog and quoted."),
    prop("quote_char", oneOf("DoubleQuote", "SingleQuote", "BackQuote", "Brackets"), "DoubleQuote", "Accepted; each dialect quotes its own way."),
    ...TYPE_PROPERTIES,
    ...FILTER_TAB_PROPERTIES,
  ],
  autoName(_node, props) {
    return props.mode === "Query" ? "SQL Query" : typeof props.tablename === "string" ? props.tablename : "";
  },
  async schema(ctx) {
    return (await layoutOf(ctx)).plan.schema;
  },
  async *run(ctx) {
    const layout = await layoutOf(ctx);
    const { plan } = layout;
    const strip = stripper(ctx.props.str("strip_spaces", "None"));
    const stringColumns = new Set(plan.columns.filter((i) => layout.columns[i]!.storage === "string"));
    const check = createTypeChecker(ctx.outputSchema, (m) => ctx.warn(m));
    for await (const columns of readSource(readRequest(ctx), layout.columns)) {
      ctx.throwIfAborted();
      const length = columns[0]?.length ?? 0;
      const out: Column[] = plan.columns.map((i) => (strip && stringColumns.has(i) ? stripColumn(columns[i]!, strip) : columns[i]!));
      const batch = makeBatch(ctx.outputSchema, out, length);
      const checked = check ? check.check(batch) : batch;
      if (checked.length > 0) yield checked;
    }
    check?.finish();
  },
});

interface Layout {
  readonly columns: readonly ColumnInfo[];
  readonly plan: OutputPlan;
}

const layoutOf = oncePerContext(computeLayout);

async function computeLayout(ctx: NodeContext): Promise<Layout> {
  const props = ctx.props;
  if (props.str("password") === "" && props.str("epassword") !== "") {
    ctx.warn(`epassword (Modeler's encrypted password) cannot be read; connecting with the credentials of database "${props.str("dbRef") || props.str("datasource")}"`);
  }
  const columns = await describeSource(readRequest(ctx));
  const physical = new Schema(columns.map((c) => (c.flag ? makeField(c.name, "integer", { measure: "flag", values: [0, 1] }) : makeField(c.name, c.storage))));
  return { columns, plan: outputPlan(ctx, physical) };
}

function readRequest(ctx: NodeContext): ReadRequest {
  const props = ctx.props;
  const dbRef = props.str("dbRef") || props.str("datasource");
  const label = `node "${ctx.node.name ?? ctx.node.id}" (database)`;
  if (dbRef === "") {
    throw new NodePropertyError(`node "${ctx.node.id}" (database) needs property "dbRef" (or Modeler's "datasource"): the name of a database in the job's dbDefinitions`, { node: ctx.node.id, property: "dbRef" });
  }
  const password = props.str("password");
  const credentials = password !== "" ? { password, ...(props.str("username") !== "" && { username: props.str("username") }) } : undefined;
  const connection = databaseConnectionFor(ctx.services, dbRef, label, credentials);
  const mode = props.str("mode", "Table");
  const source: ReadRequest["source"] =
    mode === "Query" ? { kind: "query", sql: props.required("query"), parameters: ctx.parameters } : { kind: "table", table: props.required("tablename") };
  return { connection, source, signal: ctx.signal, reader: label };
}

type Strip = (s: string) => string;

function stripper(mode: string): Strip | undefined {
  switch (mode) {
    case "Left": return (s) => s.trimStart();
    case "Right": return (s) => s.trimEnd();
    case "Both": return (s) => s.trim();
    default: return undefined;
  }
}

function stripColumn(col: Column, strip: Strip): Column {
  const out: Value[] = new Array(col.length);
  for (let r = 0; r < col.length; r++) {
    const v = col[r]!;
    out[r] = typeof v === "string" ? strip(v) : v;
  }
  return out;
}
