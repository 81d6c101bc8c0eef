/**
 * Job definitions: the original API's own full example is refused at each of its syntax
 * errors with the line and column (counted by hand in the fixture), validates once they are
 * fixed; schema errors name the JSON path and what is expected; passwords are redacted.
 */
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { JobDefinitionError, JOB_DEFINITION_SCHEMA, parseJobDefinition, redactJob } from "../../src/jobs/definition/index.js";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const original = fixture("original-full-example.txt");

function error(input: unknown): JobDefinitionError {
  try {
    parseJobDefinition(input);
  } catch (e) {
    if (e instanceof JobDefinitionError) return e;
    throw e;
  }
  throw new Error("expected a JobDefinitionError");
}

describe("the original API's full example", () => {
  // Each fix repairs one of the example's syntax errors, in the order a parser meets them.
  const missingComma = original;
  const smartQuotes = missingComma.replace('"id": "str2" ', '"id": "str2",');
  const trailingComma1 = smartQuotes.replace("\"dbRef\u201d; \u201cdb\u201d,", '"dbRef": "db",');
  const trailingComma2 = trailingComma1.replace('"table": "DRUG1N",', '"table": "DRUG1N"');
  const fixed = trailingComma2.replace("          ],\n     }\n}", "          ]\n     }\n}");

  it("is refused at the missing comma after \"id\" (line 5, column 11)", () => {
    const e = error(missingComma);
    expect(e.code).toBe("JOB_DEFINITION");
    expect(e.message).toBe('the job definition is not valid JSON: expected "," or "}", found """ at line 5, column 11');
    expect(e.details).toMatchObject({ line: 5, column: 11 });
  });

  it("then at the typographic quotes of \"dbRef”; “db” (line 22, column 42)", () => {
    const e = error(smartQuotes);
    expect(e.message).toMatch(/^the job definition is not valid JSON: typographic quote ” at line 22, column 42; JSON needs plain double quotes/);
    expect(e.details).toMatchObject({ line: 22, column: 42 });
  });

  it("then at each trailing comma", () => {
    expect(error(trailingComma1).message).toBe("the job definition is not valid JSON: trailing comma before } at line 24, column 26");
    expect(error(trailingComma2).message).toBe("the job definition is not valid JSON: trailing comma before } at line 38, column 6");
  });

  it("validates once fixed, with defaults filled in", () => {
    const job = parseJobDefinition(fixed);
    expect(job).toEqual({
      action: "TRAINING",
      model: { id: "str2", name: "stream1.str" },
      dbDefinitions: {
        db: { type: "DashDB", host: "dashdb-enterprise-yp-dal09-11.services.dal.bluemix.net", port: 50001, db: "BLUDB", username: "bluadmin", password: "NmI4MDViMzBkNDUz", options: "Security=SSL" },
      },
      setting: {
        inputs: [{ odbc: { dbRef: "db", table: "DRUG1N" }, node: "ScoreInput" }],
        exports: [],
        parameterOverride: [{ name: "p1", value: "v1" }, { name: "p2", value: "v2" }],
      },
    });
  });

  it("is valid against the shipped JSON Schema file, which equals the schema in code", () => {
    const shipped = JSON.parse(readFileSync(new URL("../../schema/job.schema.json", import.meta.url), "utf8"));
    expect(shipped).toEqual(JSON.parse(JSON.stringify(JOB_DEFINITION_SCHEMA)));
    expect(new Ajv({ strict: false }).validate(shipped, JSON.parse(fixed))).toBe(true);
  });
});

describe("schema errors give the JSON path and what is expected", () => {
  const base = {
    action: "BATCH_SCORE",
    model: { id: "drug" },
    dbDefinitions: { warehouse: { type: "PostgreSQL", host: "h", db: "sales", password: "secret" } },
    setting: {
      inputs: [{ odbc: { dbRef: "warehouse", table: "DRUG1N" }, node: "scoreInput" }],
      exports: [{ odbc: { dbRef: "warehouse", table: "DRUG_SCORED", insertMode: "Drop" }, node: "Table", bulkLoading: "ODBC" }],
    },
  };
  const variant = (fn: (d: any) => void) => {
    const d = structuredClone(base);
    fn(d);
    return d;
  };

  it("accepts the seed's example", () => {
    expect(parseJobDefinition(base).setting.exports[0]).toEqual({ odbc: { dbRef: "warehouse", table: "DRUG_SCORED", insertMode: "Drop" }, node: "Table", bulkLoading: "ODBC" });
  });

  it("names the path of a bad enum value and the allowed values", () => {
    const e = error(variant((d) => (d.setting.exports[0].odbc.insertMode = "Replace")));
    expect(e.message).toBe('invalid job definition at $.setting.exports[0].odbc.insertMode: must be one of "Append", "Create", "Drop", "Refresh" (got "Replace")');
    expect(e.details.path).toBe("$.setting.exports[0].odbc.insertMode");
  });

  it("names missing and unknown keys", () => {
    expect(error(variant((d) => delete d.model.id)).message).toBe("invalid job definition at $.model.id: is required but missing");
    expect(error(variant((d) => (d.setting.inputs[0].odbc.tabel = "X"))).message).toMatch(/\$\.setting\.inputs\[0\]\.odbc\.tabel: is not a known key; \$\.setting\.inputs\[0\]\.odbc takes "dbRef", "table"/);
    expect(error(variant((d) => delete d.dbDefinitions.warehouse.host)).message).toBe("invalid job definition at $.dbDefinitions.warehouse.host: is required but missing");
  });

  it("lists every problem at once", () => {
    const e = error(variant((d) => {
      d.action = "SCORE";
      d.dbDefinitions.warehouse.port = 70000;
      d.setting.reportFormat = "PDF";
    }));
    expect(e.message).toMatch(/^invalid job definition \(3 problems\): /);
    expect(e.details.errors).toEqual([
      { path: "$.action", message: 'must be one of "TRAINING", "EVALUATION", "AUTO_REFRESH", "BATCH_SCORE", "RUN_STREAM" (got "SCORE")' },
      { path: "$.dbDefinitions.warehouse.port", message: "must be a port number (1-65535) (got 70000)" },
      { path: "$.setting.reportFormat", message: 'must be one of "HTML", "JPG", "PNG", "RTF", "SAV", "TAB", "XML" (got "PDF")' },
    ]);
  });

  it("checks references the schema cannot: dbRefs, repeated nodes and parameters", () => {
    const e = error(variant((d) => {
      d.setting.exports[0].odbc.dbRef = "wharehouse";
      d.setting.inputs.push({ odbc: { dbRef: "warehouse", table: "X" }, node: "scoreInput" });
      d.setting.parameterOverride = [{ name: "p", value: 1 }, { name: "p", value: 2 }];
    }));
    expect(e.details.errors).toEqual([
      { path: "$.setting.exports[0].odbc.dbRef", message: 'names database "wharehouse", which neither dbDefinitions nor --db defines (defined: "warehouse")' },
      { path: "$.setting.inputs[1].node", message: 'node "scoreInput" is already named at $.setting.inputs[0].node' },
      { path: "$.setting.parameterOverride[1].name", message: 'parameter "p" is already named at $.setting.parameterOverride[0].name' },
    ]);
  });

  it("a dbRef may name a database defined outside the job (--db)", () => {
    const job = variant((d) => (d.setting.exports[0].odbc.dbRef = "scratch"));
    expect(() => parseJobDefinition(job)).toThrow(/"scratch", which neither dbDefinitions nor --db defines/);
    expect(parseJobDefinition(job, { databases: ["scratch"] }).setting.exports[0]!.odbc.dbRef).toBe("scratch");
  });

  it("accepts a port given as text, SQLite without a host, and refuses ids with other characters", () => {
    expect(parseJobDefinition(variant((d) => (d.dbDefinitions.warehouse.port = "5433"))).dbDefinitions.warehouse!.port).toBe(5433);
    expect(parseJobDefinition(variant((d) => (d.dbDefinitions.lite = { type: "SQLite", db: "x.db" }))).dbDefinitions.lite).toEqual({ type: "SQLite", db: "x.db" });
    expect(error(variant((d) => (d.model.id = "a/b"))).message).toMatch(/\$\.model\.id: must match/);
    expect(error("[1]").message).toBe("invalid job definition at $: a job definition must be a JSON object");
  });
});

describe("redactJob", () => {
  it("replaces every password, also in options, and leaves its argument alone", () => {
    const job = { action: "BATCH_SCORE", model: { id: "m" }, dbDefinitions: { a: { type: "MySQL", password: "p4ss", options: "Security=SSL;password=p4ss" }, b: { type: "SQLite", db: "x" } } };
    const redacted = redactJob(job);
    expect(redacted).toEqual({ action: "BATCH_SCORE", model: { id: "m" }, dbDefinitions: { a: { type: "MySQL", password: "******", options: "Security=SSL;password=******" }, b: { type: "SQLite", db: "x" } } });
    expect(job.dbDefinitions.a.password).toBe("p4ss");
    expect(JSON.stringify(redacted)).not.toContain("p4ss");
  });
});
