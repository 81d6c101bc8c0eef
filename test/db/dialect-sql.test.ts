/**
 * The SQL each dialect generates, checked as text — the only test SQL Server and Oracle get
 * here (no servers on this machine; docs/databases.md says so) — plus their type mappings,
 * value decoders and write paths driven through recording fakes of the drivers.
 */
import { describe, expect, it } from "vitest";
import type { Column } from "../../src/data/batch.js";
import { daysFromCivil, SECONDS_PER_DAY } from "../../src/data/values.js";
import type { DriverSession, NewColumn, SqlParam, WriteColumn } from "../../src/db/dialect.js";
import { mssqlDialect } from "../../src/db/dialects/mssql/index.js";
import { mssqlColumn, mssqlDecoder } from "../../src/db/dialects/mssql/types.js";
import { mysqlDialect } from "../../src/db/dialects/mysql/index.js";
import { catalogColumn, storageOfField } from "../../src/db/dialects/mysql/types.js";
import { oracleDialect, oracleInsertAll, oracleTimestampText } from "../../src/db/dialects/oracle/index.js";
import { decodeIntervalTime, oracleColumn, oracleDecoder } from "../../src/db/dialects/oracle/types.js";
import { postgresDialect } from "../../src/db/dialects/postgres/index.js";
import { storageOfOid } from "../../src/db/dialects/postgres/types.js";
import { sqliteDialect } from "../../src/db/dialects/sqlite/index.js";
import { storageOfDeclared } from "../../src/db/dialects/sqlite/types.js";

const T = { schema: "sales", name: "SCORES" };
const col = (storage: NewColumn["storage"], length = 255): NewColumn => ({ name: "c", storage, length });

/** A session that records statements and returns no rows. */
function recorder(): DriverSession & { calls: Array<{ sql: string; params: readonly SqlParam[] }> } {
  const calls: Array<{ sql: string; params: readonly SqlParam[] }> = [];
  return { raw: {}, calls, execute: async (sql, params = []) => (calls.push({ sql, params }), { rows: [] }) };
}

describe("identifier quoting", () => {
  const hostile = 'a"b`c]d\'e; DROP TABLE x; --';
  it("doubles each dialect's quote character and nothing else", () => {
    expect(postgresDialect.quote(hostile)).toBe('"a""b`c]d\'e; DROP TABLE x; --"');
    expect(sqliteDialect.quote(hostile)).toBe('"a""b`c]d\'e; DROP TABLE x; --"');
    expect(oracleDialect.quote(hostile)).toBe('"a""b`c]d\'e; DROP TABLE x; --"');
    expect(mysqlDialect.quote(hostile)).toBe("`a\"b``c]d'e; DROP TABLE x; --`");
    expect(mssqlDialect.quote(hostile)).toBe("[a\"b`c]]d'e; DROP TABLE x; --]");
  });

  it("quotes both parts of a schema-qualified name", () => {
    expect(mssqlDialect.qualify(T)).toBe("[sales].[SCORES]");
    expect(oracleDialect.qualify(T)).toBe('"sales"."SCORES"');
    expect(mysqlDialect.qualify({ name: "t" })).toBe("`t`");
  });

  it("passes names to sp_rename as N'' strings with quotes doubled", () => {
    expect(mssqlDialect.renameTable({ name: "o'k" }, "n'ew")).toEqual(["EXEC sp_rename N'[o''k]', N'n''ew'"]);
  });
});

describe("SQL Server", () => {
  it("creates, widens, swaps and merges with T-SQL", () => {
    expect(mssqlDialect.createTable(T, [{ name: "id", type: "BIGINT" }, { name: "n", type: "NVARCHAR(40)" }], ["id"])).toBe("CREATE TABLE [sales].[SCORES] ([id] BIGINT, [n] NVARCHAR(40), PRIMARY KEY ([id]))");
    expect(mssqlDialect.alterColumnType(T, "n", "NVARCHAR(300)")).toBe("ALTER TABLE [sales].[SCORES] ALTER COLUMN [n] NVARCHAR(300)");
    expect(mssqlDialect.swapTables(T, { schema: "sales", name: "S" }, { schema: "sales", name: "O" })).toEqual(["EXEC sp_rename N'[sales].[SCORES]', N'O'", "EXEC sp_rename N'[sales].[S]', N'SCORES'"]);
    expect(mssqlDialect.mergeFromStaging(T, { name: "stg" }, ["id"], ["id", "n"], true)).toEqual([
      "UPDATE mb_t SET mb_t.[n] = mb_s.[n] FROM [sales].[SCORES] AS mb_t INNER JOIN [stg] AS mb_s ON mb_t.[id] = mb_s.[id]",
      "INSERT INTO [sales].[SCORES] ([id], [n]) SELECT mb_s.[id], mb_s.[n] FROM [stg] AS mb_s WHERE NOT EXISTS (SELECT 1 FROM [sales].[SCORES] AS mb_t WHERE mb_t.[id] = mb_s.[id])",
    ]);
    expect(mssqlDialect.begin).toEqual(["BEGIN TRANSACTION"]);
    expect(mssqlDialect.rollback).toBe("IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION");
    expect(mssqlDialect.capabilities.transactionalDdl).toBe(true);
  });

  it("maps storages to column types, NVARCHAR(MAX) beyond 4000 characters", () => {
    expect(["integer", "real", "date", "time", "timestamp"].map((s) => mssqlDialect.columnType(col(s as NewColumn["storage"])))).toEqual(["BIGINT", "FLOAT(53)", "DATE", "TIME(6)", "DATETIME2(6)"]);
    expect(mssqlDialect.columnType(col("string", 4000))).toBe("NVARCHAR(4000)");
    expect(mssqlDialect.columnType(col("string", 4001))).toBe("NVARCHAR(MAX)");
    expect(mssqlDialect.columnType({ ...col("string"), override: "VARCHAR(10)" })).toBe("VARCHAR(10)");
  });

  it("maps its types to storages and decodes tedious values", () => {
    expect(mssqlColumn("b", "bit")).toMatchObject({ storage: "integer", flag: true });
    expect(mssqlColumn("n", "decimal(18,0)").storage).toBe("integer");
    expect(mssqlColumn("n", "numeric(10,2)").storage).toBe("real");
    expect(mssqlColumn("m", "money").storage).toBe("real");
    expect(mssqlColumn("d", "datetimeoffset(7)").storage).toBe("timestamp");
    expect(mssqlColumn("s", "nvarchar(40)")).toMatchObject({ storage: "string", length: 40 });
    expect(mssqlDecoder(mssqlColumn("i", "bigint"))("9007199254740993")).toBe(9007199254740993n);
    const stamp = Object.assign(new Date(Date.UTC(1, 0, 1, 12, 30, 15, 250)), { nanosecondDelta: 0.000125 });
    stamp.setUTCFullYear(1);
    expect(mssqlDecoder(mssqlColumn("t", "datetime2(7)"))(stamp)).toBeCloseTo(daysFromCivil(1, 1, 1) * SECONDS_PER_DAY + 45_015.250125, 6);
    expect(mssqlDecoder(mssqlColumn("d", "date"))(new Date(Date.UTC(2024, 1, 29)))).toBe(daysFromCivil(2024, 2, 29));
    expect(mssqlDecoder(mssqlColumn("b", "bit"))(true)).toBe(1);
  });

  it("plain path: multi-row INSERTs within 2100 parameters and 1000 rows, dates as unambiguous text", async () => {
    const session = recorder();
    const columns: WriteColumn[] = [{ name: "id", storage: "integer" }, { name: "d", storage: "date" }, { name: "ts", storage: "timestamp" }];
    const writer = await mssqlDialect.openWriter(session, T, columns, { bulk: false, rowsPerStatement: 5000 });
    const n = 1500;
    const data: Column[] = [Array.from({ length: n }, (_, i) => i), Array.from({ length: n }, () => daysFromCivil(2024, 2, 29)), Array.from({ length: n }, () => daysFromCivil(2024, 2, 29) * SECONDS_PER_DAY + 3661.5)];
    await writer.write(data, n);
    expect(await writer.finish()).toBe(n);
    // 2098 parameters / 3 columns = 699 rows per statement.
    expect(session.calls.map((c) => c.params.length / 3)).toEqual([699, 699, 102]);
    expect(session.calls[0]!.sql.startsWith("INSERT INTO [sales].[SCORES] ([id], [d], [ts]) VALUES (@p1, @p2, @p3), (@p4, @p5, @p6)")).toBe(true);
    expect(session.calls[0]!.params.slice(0, 3)).toEqual([0, "20240229", "2024-02-29T01:01:01.5"]);
  });

  it("bulk path: a tedious bulk load per batch, with typed columns and exact fractions", async () => {
    const loads: Array<{ table: string; columns: Array<[string, string, unknown]>; rows: unknown[][] }> = [];
    const fake = {
      newBulkLoad(table: string, _o: unknown, done: (err: Error | null) => void) {
        const load = { table, columns: [] as Array<[string, string, unknown]>, rows: [] as unknown[][], done, addColumn: (name: string, type: { name: string }, options: unknown) => load.columns.push([name, type.name, options]) };
        loads.push(load);
        return load;
      },
      execBulkLoad(load: { rows: unknown[][]; done: (e: null) => void }, rows: unknown[][]) {
        load.rows = rows;
        load.done(null);
      },
    };
    const session: DriverSession = { raw: fake, execute: async () => ({ rows: [] }) };
    const columns: WriteColumn[] = [{ name: "id", storage: "integer" }, { name: "name", storage: "string", target: { name: "name", dbType: "nvarchar(20)", storage: "string", length: 20 } }, { name: "at", storage: "timestamp" }];
    const writer = await mssqlDialect.openWriter(session, T, columns, { bulk: true, rowsPerStatement: 1000 });
    await writer.write([[1, 2], ["a", null], [0.000125, null]], 2);
    expect(loads[0]!.table).toBe("[sales].[SCORES]");
    expect(loads[0]!.columns).toEqual([["id", "BigInt", { nullable: true }], ["name", "NVarChar", { nullable: true, length: 20 }], ["at", "DateTime2", { nullable: true, scale: 6 }]]);
    const at = loads[0]!.rows[0]![2] as Date & { nanosecondDelta?: number };
    expect(at.getTime()).toBe(0);
    expect(at.nanosecondDelta).toBeCloseTo(0.000125, 9);
    expect(loads[0]!.rows[1]).toEqual([2, null, null]);
    // tedious writes bulk column names inside [ ] unescaped: such names take the INSERT path.
    const plain = recorder();
    const w2 = await mssqlDialect.openWriter(plain, T, [{ name: "a]b", storage: "integer" }], { bulk: true, rowsPerStatement: 10 });
    await w2.write([[1]], 1);
    await w2.finish();
    expect(plain.calls[0]!.sql).toBe("INSERT INTO [sales].[SCORES] ([a]]b]) VALUES (@p1)");
  });

  it("describes a query with sp_describe_first_result_set, passing the SQL as a parameter", async () => {
    const calls: Array<{ sql: string; params: readonly SqlParam[] }> = [];
    const session: DriverSession = {
      raw: {},
      execute: async (sql, params = []) => {
        calls.push({ sql, params });
        return { rows: [[false, 1, "AGE", true, 56, "int"], [false, 2, "NA", true, 108, "decimal(9,4)"], [true, 3, "hidden", true, 56, "int"]] };
      },
    };
    const columns = await mssqlDialect.describeQuery(session, "SELECT AGE, NA FROM t WHERE AGE > @p1", [30]);
    expect(calls).toEqual([{ sql: "EXEC sp_describe_first_result_set @tsql = @p1, @params = @p2", params: ["SELECT AGE, NA FROM t WHERE AGE > @p1", "@p1 bigint"] }]);
    expect(columns.map((c) => [c.name, c.storage])).toEqual([["AGE", "integer"], ["NA", "real"]]);
  });
});

describe("Oracle", () => {
  it("stages through renames and merges with MERGE INTO", () => {
    expect(oracleDialect.capabilities.transactionalDdl).toBe(false);
    expect(oracleDialect.begin).toEqual([]);
    expect(oracleDialect.swapTables(T, { schema: "sales", name: "S" }, { schema: "sales", name: "O" })).toEqual(['ALTER TABLE "sales"."SCORES" RENAME TO "O"', 'ALTER TABLE "sales"."S" RENAME TO "SCORES"']);
    expect(oracleDialect.mergeFromStaging(T, { name: "S" }, ["ID"], ["ID", "V"], true)).toEqual([
      'MERGE INTO "sales"."SCORES" mb_t USING "S" mb_s ON (mb_t."ID" = mb_s."ID") WHEN MATCHED THEN UPDATE SET mb_t."V" = mb_s."V" WHEN NOT MATCHED THEN INSERT ("ID", "V") VALUES (mb_s."ID", mb_s."V")',
    ]);
    expect(oracleDialect.dropMergeStaging({ name: "S" })).toEqual(['DROP TABLE "S" PURGE']);
    expect(oracleDialect.alterColumnType(T, "N", "VARCHAR2(300 CHAR)")).toBe('ALTER TABLE "sales"."SCORES" MODIFY ("N" VARCHAR2(300 CHAR))');
    expect(() => oracleDialect.alterColumnType(T, "N", "CLOB")).toThrow(/cannot turn VARCHAR2 into CLOB/);
    expect(oracleDialect.zeroRowQuery("SELECT 1 FROM dual;")).toBe("SELECT * FROM (SELECT 1 FROM dual) WHERE 1 = 0");
  });

  it("maps storages to column types", () => {
    expect(["integer", "real", "date", "time", "timestamp"].map((s) => oracleDialect.columnType(col(s as NewColumn["storage"])))).toEqual(["NUMBER(38,0)", "BINARY_DOUBLE", "DATE", "INTERVAL DAY(0) TO SECOND(6)", "TIMESTAMP(6)"]);
    expect(oracleDialect.columnType(col("string", 4000))).toBe("VARCHAR2(4000 CHAR)");
    expect(oracleDialect.columnType(col("string", 4001))).toBe("CLOB");
  });

  it("writes INSERT ALL with conversions around the binds", () => {
    const cols: WriteColumn[] = [{ name: "ID", storage: "integer" }, { name: "D", storage: "date" }, { name: "T", storage: "time" }, { name: "TS", storage: "timestamp" }];
    expect(oracleInsertAll({ name: "X" }, cols, 2)).toBe(
      `INSERT ALL INTO "X" ("ID", "D", "T", "TS") VALUES (:1, TO_DATE(:2, 'YYYY-MM-DD'), NUMTODSINTERVAL(:3, 'SECOND'), TO_TIMESTAMP(:4, 'YYYY-MM-DD HH24:MI:SS.FF6')) ` +
        `INTO "X" ("ID", "D", "T", "TS") VALUES (:5, TO_DATE(:6, 'YYYY-MM-DD'), NUMTODSINTERVAL(:7, 'SECOND'), TO_TIMESTAMP(:8, 'YYYY-MM-DD HH24:MI:SS.FF6')) SELECT 1 FROM DUAL`,
    );
    expect(oracleTimestampText(daysFromCivil(2024, 2, 29) * SECONDS_PER_DAY + 3661.25)).toBe("2024-02-29 01:01:01.250000");
    expect(oracleTimestampText(0)).toBe("1970-01-01 00:00:00.000000");
  });

  it("array-binds a batch with executeMany, integers as exact text", async () => {
    const calls: Array<{ sql: string; binds: unknown[][]; options: Record<string, unknown> }> = [];
    const fake = { executeMany: async (sql: string, binds: unknown[][], options: Record<string, unknown>) => (calls.push({ sql, binds, options }), {}) };
    const writer = await oracleDialect.openWriter({ raw: fake, execute: async () => ({ rows: [] }) }, { name: "X" }, [{ name: "ID", storage: "integer" }, { name: "S", storage: "string" }, { name: "R", storage: "real" }], { bulk: true, rowsPerStatement: 10 });
    await writer.write([[2n ** 60n, 1], ["été", null], [0.5, null]], 2);
    expect(await writer.finish()).toBe(2);
    expect(calls[0]!.sql).toBe('INSERT INTO "X" ("ID", "S", "R") VALUES (:1, :2, :3)');
    expect(calls[0]!.binds).toEqual([["1152921504606846976", "été", 0.5], ["1", null, null]]);
    expect(calls[0]!.options).toMatchObject({ autoCommit: false });
  });

  it("maps its types to storages and decodes text values", () => {
    expect(oracleColumn("a", "NUMBER", 10, 0).storage).toBe("integer");
    expect(oracleColumn("a", "NUMBER", 10, 2).storage).toBe("real");
    expect(oracleColumn("a", "NUMBER", null, null).storage).toBe("real");
    expect(oracleColumn("a", "DATE", null, null).storage).toBe("timestamp");
    expect(oracleColumn("a", "INTERVAL DAY(0) TO SECOND(6)", null, null).storage).toBe("time");
    expect(oracleColumn("a", "VARCHAR2", null, null, 30)).toMatchObject({ storage: "string", length: 30 });
    expect(oracleDecoder(oracleColumn("a", "NUMBER", 38, 0))("123456789012345678901")).toBe(123456789012345678901n);
    expect(oracleDecoder(oracleColumn("a", "NUMBER", null, null))("-.5")).toBe(-0.5);
    expect(oracleDecoder(oracleColumn("a", "TIMESTAMP WITH TIME ZONE", null, null))("2024-02-29 10:00:00.000000 +02:00")).toBe(daysFromCivil(2024, 2, 29) * SECONDS_PER_DAY + 8 * 3600);
    expect(decodeIntervalTime("+00 13:45:00.250000")).toBe(49_500.25);
    expect(decodeIntervalTime("+01 00:00:00.000000")).toBeNull();
  });
});

describe("PostgreSQL, MySQL and SQLite type mappings", () => {
  it("PostgreSQL: OIDs and modifiers", () => {
    expect(storageOfOid(16, -1)).toEqual({ storage: "integer", flag: true });
    expect(storageOfOid(1700, ((12 << 16) | 0) + 4)).toEqual({ storage: "integer" });
    expect(storageOfOid(1700, ((12 << 16) | 2) + 4)).toEqual({ storage: "real" });
    expect(storageOfOid(1700, -1)).toEqual({ storage: "real" });
    expect(storageOfOid(1184, -1)).toEqual({ storage: "timestamp" });
    expect(storageOfOid(1043, 24)).toEqual({ storage: "string", length: 20 });
    expect(storageOfOid(2950, -1)).toEqual({ storage: "string" });
  });

  it("MySQL: protocol field types and catalog types", () => {
    expect(storageOfField({ name: "b", columnType: 1, columnLength: 1, decimals: 0, characterSet: 63 })).toEqual({ storage: "integer", flag: true });
    expect(storageOfField({ name: "d", columnType: 246, columnLength: 12, decimals: 0, characterSet: 63 })).toEqual({ storage: "integer" });
    expect(storageOfField({ name: "d", columnType: 246, columnLength: 12, decimals: 2, characterSet: 63 })).toEqual({ storage: "real" });
    expect(storageOfField({ name: "t", columnType: 12, columnLength: 19, decimals: 0, characterSet: 63 })).toEqual({ storage: "timestamp" });
    expect(catalogColumn("f", "tinyint", "tinyint(1)", null, 0)).toMatchObject({ storage: "integer", flag: true });
    expect(catalogColumn("v", "varchar", "varchar(20)", 20, null)).toMatchObject({ storage: "string", length: 20 });
    expect(mysqlDialect.columnType(col("string", 255))).toBe("VARCHAR(255)");
    expect(mysqlDialect.columnType(col("string", 256))).toBe("TEXT");
    expect(mysqlDialect.columnType(col("string", 20_000))).toBe("MEDIUMTEXT");
    expect(mysqlDialect.swapTables({ name: "t" }, { name: "s" }, { name: "o" })).toEqual(["RENAME TABLE `t` TO `o`, `s` TO `t`"]);
  });

  it("SQLite: declared types", () => {
    expect(storageOfDeclared("BOOLEAN")).toEqual({ storage: "integer", flag: true });
    expect(storageOfDeclared("BIGINT")).toEqual({ storage: "integer" });
    expect(storageOfDeclared("DATETIME")).toEqual({ storage: "timestamp" });
    expect(storageOfDeclared("DATE")).toEqual({ storage: "date" });
    expect(storageOfDeclared("TIME")).toEqual({ storage: "time" });
    expect(storageOfDeclared("NVARCHAR(20)")).toEqual({ storage: "string" });
    expect(storageOfDeclared("DECIMAL(10,0)")).toEqual({ storage: "integer" });
    expect(storageOfDeclared("NUMERIC")).toEqual({ storage: "real" });
  });
});
