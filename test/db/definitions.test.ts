import { describe, expect, it } from "vitest";
import { applyOptions, parseOptionString } from "../../src/db/definition.js";
import { DatabaseError, redactSecrets } from "../../src/db/errors.js";
import { formatTableRef, parseTableRef } from "../../src/db/table-ref.js";
import { parseDatabaseUrl, parseDbArgument } from "../../src/db/url.js";
import { postgresDialect } from "../../src/db/dialects/postgres/index.js";
import { mysqlDialect } from "../../src/db/dialects/mysql/index.js";
import { mssqlDialect } from "../../src/db/dialects/mssql/index.js";
import { oracleDialect } from "../../src/db/dialects/oracle/index.js";
import { sqliteDialect } from "../../src/db/dialects/sqlite/index.js";

describe("connection URLs (--db name=<url>)", () => {
  it("reads PostgreSQL URLs with credentials, port and options", () => {
    expect(parseDatabaseUrl("postgres://etl:s%40cret@db.example:5433/sales?sslmode=require&application_name=x")).toEqual({
      type: "PostgreSQL", host: "db.example", port: 5433, db: "sales", username: "etl", password: "s@cret", options: "sslmode=require;application_name=x",
    });
    expect(parseDatabaseUrl("postgresql://h/d")).toEqual({ type: "PostgreSQL", host: "h", db: "d" });
  });

  it("reads MySQL, SQL Server, Oracle and SQLite URLs", () => {
    expect(parseDatabaseUrl("mysql://u:p@127.0.0.1:3306/mbtest")).toEqual({ type: "MySQL", host: "127.0.0.1", port: 3306, db: "mbtest", username: "u", password: "p" });
    expect(parseDatabaseUrl("mariadb://u@h/d")).toMatchObject({ type: "MySQL", username: "u" });
    expect(parseDatabaseUrl("mssql://sa:Pass1234@9.20.27.37:1433/qatest?EnableQuotedIdentifiers=1")).toEqual({
      type: "SQLServer", host: "9.20.27.37", port: 1433, db: "qatest", username: "sa", password: "Pass1234", options: "EnableQuotedIdentifiers=1",
    });
    expect(parseDatabaseUrl("oracle://scott:tiger@ora:1521/ORCLPDB1")).toMatchObject({ type: "Oracle", host: "ora", port: 1521, db: "ORCLPDB1" });
    expect(parseDatabaseUrl("sqlite:data/scores.db")).toEqual({ type: "SQLite", db: "data/scores.db" });
    expect(parseDatabaseUrl("sqlite:///var/lib/x.db?journal_mode=WAL")).toEqual({ type: "SQLite", db: "/var/lib/x.db", options: "journal_mode=WAL" });
    expect(parseDatabaseUrl("sqlite::memory:")).toEqual({ type: "SQLite", db: ":memory:" });
  });

  it("reads name=url and refuses unknown schemes without showing the password", () => {
    expect(parseDbArgument("warehouse=postgres://a:b@h/d")).toEqual(["warehouse", { type: "PostgreSQL", host: "h", db: "d", username: "a", password: "b" }]);
    const err = (() => {
      try {
        parseDbArgument("w=teradata://u:topsecret@h/d");
      } catch (e) {
        return e as DatabaseError;
      }
    })();
    expect(err).toBeInstanceOf(DatabaseError);
    expect(err!.message).toMatch(/unknown scheme "teradata:"/);
    expect(err!.message).not.toContain("topsecret");
  });
});

describe("options strings", () => {
  it("splits key=value pairs on ; and &", () => {
    expect(parseOptionString("Security=SSL; EnableQuotedIdentifiers=1&a=b%3Bc", "x")).toEqual([
      { key: "Security", name: "security", value: "SSL" },
      { key: "EnableQuotedIdentifiers", name: "enablequotedidentifiers", value: "1" },
      { key: "a", name: "a", value: "b;c" },
    ]);
    expect(() => parseOptionString("Security", "x")).toThrow(/option "Security" must have the form key=value/);
  });

  it("are parsed per type, and an unknown option or value is an error naming it", () => {
    const pg = postgresDialect.knexConfig({ type: "PostgreSQL", host: "h", db: "d", options: "sslmode=require;search_path=scoring" }, "w");
    expect(pg).toMatchObject({ client: "pg", connection: { host: "h", port: 5432, ssl: { rejectUnauthorized: false } }, searchPath: ["scoring"] });
    expect(postgresDialect.knexConfig({ type: "PostgreSQL", host: "h", db: "d", options: "Security=SSL" }, "w")).toMatchObject({ connection: { ssl: { rejectUnauthorized: false } } });
    expect(() => postgresDialect.knexConfig({ type: "PostgreSQL", host: "h", db: "d", options: "sslmode=sometimes" }, "w")).toThrow(/option "sslmode" must be one of disable, allow/);
    expect(() => postgresDialect.knexConfig({ type: "PostgreSQL", host: "h", db: "d", options: "EnableQuotedIdentifiers=1" }, "w")).toThrow(/PostgreSQL does not know the option "EnableQuotedIdentifiers"; its options are: sslmode, Security/);
    expect(mssqlDialect.knexConfig({ type: "SQLServer", host: "h", db: "d", options: "EnableQuotedIdentifiers=1;Encrypt=yes" }, "w")).toMatchObject({
      client: "mssql", connection: { server: "h", port: 1433, options: { encrypt: true } },
    });
    expect(mssqlDialect.knexConfig({ type: "SQLServer", host: "h", db: "d", options: "Security=SSL" }, "w")).toMatchObject({ connection: { options: { encrypt: true, trustServerCertificate: true } } });
    expect(mysqlDialect.knexConfig({ type: "MySQL", host: "h", db: "d", options: "Security=SSL;connectTimeout=5" }, "w")).toMatchObject({ connection: { ssl: { rejectUnauthorized: false }, connectTimeout: 5000 } });
    expect(oracleDialect.knexConfig({ type: "Oracle", host: "h", db: "svc", options: "Security=SSL" }, "w")).toMatchObject({ connection: { connectString: "tcps://h:1521/svc" } });
    expect(sqliteDialect.knexConfig({ type: "SQLite", db: "x.db", options: "readonly=1" }, "w", "/base")).toMatchObject({ connection: { filename: "/base/x.db", options: { readonly: true } } });
  });

  it("needs host and db where the type has them", () => {
    expect(() => postgresDialect.knexConfig({ type: "PostgreSQL", db: "d" }, "w")).toThrow(/database "w" \(PostgreSQL\) needs "host"/);
    expect(() => sqliteDialect.knexConfig({ type: "SQLite" }, "w")).toThrow(/needs "db"/);
  });

  it("applyOptions passes the value and dbRef to the option", () => {
    const seen: string[] = [];
    applyOptions({ type: "X", options: "k=v" }, "ref", [{ names: ["K"], description: "", apply: (_c, v, ref) => seen.push(`${v}@${ref}`) }], {});
    expect(seen).toEqual(["v@ref"]);
  });
});

describe("table references", () => {
  it("reads name, schema.name and quoted parts", () => {
    expect(parseTableRef("DRUG1N")).toEqual({ name: "DRUG1N" });
    expect(parseTableRef("scoring.DRUG1N")).toEqual({ schema: "scoring", name: "DRUG1N" });
    expect(parseTableRef('"my.schema"."odd ""name"""')).toEqual({ schema: "my.schema", name: 'odd "name"' });
    expect(formatTableRef({ schema: "my.schema", name: "T" })).toBe('"my.schema".T');
    expect(() => parseTableRef("a.b.c")).toThrow(/more than two parts/);
    expect(() => parseTableRef('"open')).toThrow(/unclosed double quote/);
    expect(() => parseTableRef("a.")).toThrow(/empty part/);
  });
});

describe("secrets never appear in messages", () => {
  it("redacts known passwords in any form, URL passwords and password= pairs", () => {
    expect(redactSecrets("failed for postgres://etl:p%40ss@h/d", [])).toBe("failed for postgres://etl:******@h/d");
    expect(redactSecrets("login p@ss failed (pwd=p@ss; Password = 'x y')", ["p@ss"])).toBe("login ****** failed (pwd=******; Password = ******)");
    expect(redactSecrets('{"password":"a\\"b"}', ['a"b'])).toBe('{"password":"******"}');
  });
});
