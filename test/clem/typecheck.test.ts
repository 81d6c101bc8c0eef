import { describe, expect, it } from "vitest";
import { ClemTypeError, checkClem, compileClem, type ClemEnvironment } from "../../src/clem/index.js";
import { ModelerBatchError } from "../../src/errors.js";
import { schemaOf } from "./helpers.js";

const schema = schemaOf({
  Age: "integer", Na: "real", K: "real", Drug: "string", Sex: "string", Count: "integer",
  Birth: "date", Start: "time", Stamp: "timestamp", Mystery: "unknown",
});
const env: ClemEnvironment = { schema };

const storageOf = (text: string, e: Partial<ClemEnvironment> = {}) => checkClem(text, { ...env, ...e }).storage;

function typeError(text: string, e: Partial<ClemEnvironment> = {}, expect_: "value" | "condition" = "value"): ClemTypeError {
  try {
    compileClem(text, { ...env, ...e }, { expect: expect_ });
  } catch (err) {
    if (err instanceof ClemTypeError) return err;
    throw err;
  }
  throw new Error(`"${text}" type-checked`);
}

describe("result storage (CLEM.md Part 2 §B.3)", () => {
  const cases: Array<[string, string]> = [
    ["Na / K", "real"],
    ["Age / 2", "real"],
    ["4 / 2", "real"],
    ["Age + Count", "integer"],
    ["Age * 2 - 1", "integer"],
    ["Age + 1.5", "real"],
    ["Age div 3", "integer"],
    ["Age rem 3", "integer"],
    ["2 ** 3", "integer"],
    ["Na ** 2", "real"],
    ["2 ** 0.5", "real"],
    ["-Age", "integer"],
    ["-Na", "real"],
    ["abs(Age)", "integer"],
    ["abs(Na)", "real"],
    ["sign(Na)", "real"],
    ["round(Na)", "integer"],
    ["intof(Na)", "integer"],
    ["fracof(Age)", "real"],
    ["sqrt(Age)", "real"],
    ["Drug >< Age", "string"],
    ["Age > 30", "boolean"],
    ["if Age > 30 then 1 else 2.5 endif", "real"],
    ["if Age > 30 then Drug endif", "string"],
    ["if Age > 30 then undef else Age endif", "integer"],
    ["undef", "unknown"],
    ["[1 2 3]", "list"],
    ["to_number(Drug)", "real"],
    ["to_number(Age)", "integer"],
    ["to_integer(Drug)", "integer"],
    ["to_string(Na)", "string"],
    ["to_date(Drug)", "date"],
    ["datetime_date(2004, 2, 29)", "date"],
    ["datetime_timestamp(Birth, Start)", "timestamp"],
    ["date_add_days(3, Stamp)", "timestamp"],
    ["date_days_difference(Birth, Birth)", "integer"],
    ["max(Age, Count)", "integer"],
    ["max(Age, Na)", "real"],
    ["sum_n([Age Count])", "integer"],
    ["sum_n([Age Na])", "real"],
    ["mean_n([Age Count])", "real"],
    ["value_at(1, [Drug Sex])", "string"],
    ["@INDEX", "integer"],
    ["@OFFSET(Drug, 1)", "string"],
    ["@SUM(Age)", "integer"],
    ["@MEAN(Age)", "real"],
    ["@MAX(Birth)", "date"],
    ["Mystery", "unknown"],
    ["pi", "real"],
    ["datetime_now", "timestamp"],
  ];
  for (const [text, storage] of cases) {
    it(`${text} → ${storage}`, () => expect(storageOf(text)).toBe(storage));
  }
});

describe("type errors before any row is read", () => {
  it("comparing a string with a number is a CLEM_TYPE error at the operator", () => {
    const err = typeError('Age = "30"');
    expect(err).toBeInstanceOf(ModelerBatchError);
    expect(err.code).toBe("CLEM_TYPE");
    expect([err.line, err.column]).toEqual([1, 5]);
    expect(err.message).toMatch(/cannot compare an integer with a string using "="; convert one side/);
  });

  it("points at the offending sub-expression on its line", () => {
    const err = typeError("if Age > 3\n  then substring(Drug, 2, Drug)\n  else Drug endif");
    expect([err.line, err.column]).toEqual([2, 18]);
    expect(err.message).toMatch(/argument 1 of substring must be an integer, but it is a string/);
  });

  it("names the argument and the storages it accepts", () => {
    const err = typeError("length(Age)");
    expect(err.message).toMatch(/argument 1 of length must be a string, but it is an integer/);
    expect([err.line, err.column]).toEqual([1, 8]);
  });

  it("unknown functions suggest close names", () => {
    const err = typeError('substr(1, 2, "abc")');
    expect(err.message).toMatch(/unknown function "substr"; did you mean/);
    expect(err.details).toMatchObject({ function: "substr" });
  });

  it("wrong arity says how many arguments the function takes", () => {
    expect(typeError('substring(1, "abc")').message).toMatch(/substring takes 3 arguments, not 2/);
    expect(typeError('issubstring("a")').message).toMatch(/issubstring takes 2 or 3 arguments, not 1/);
    expect(typeError("@OFFSET(Age)").message).toMatch(/@OFFSET takes 2 to 3 arguments, not 1/);
  });

  it("an unknown bare name is an error naming the field and listing candidates", () => {
    const err = typeError("age + 1");
    expect(err.message).toMatch(/unknown field "age"; did you mean "Age"\? The input has: "Age", "Na"/);
    expect(err.details).toMatchObject({ field: "age", candidates: ["Age"] });
    expect(typeError("Drugg = 1").message).toMatch(/did you mean "Drug"/);
  });

  it("a function name without parentheses is explained", () => {
    expect(typeError("length + 1").message).toMatch(/length is a function: write length\(\.\.\.\)/);
  });

  it("div, rem and mod take integers only", () => {
    expect(typeError("Na div 2").message).toMatch(/argument 1 of "div" must be an integer, but it is a real/);
  });

  it("arithmetic on strings and dates is refused", () => {
    expect(typeError('Drug + "x"').message).toMatch(/must be a number, but it is a string/);
    expect(typeError("Birth + 1").message).toMatch(/must be a number, but it is a date/);
  });

  it("and / or / not / if need conditions", () => {
    expect(typeError("Age and true").message).toMatch(/"and" needs a condition/);
    expect(typeError("not(Age)").message).toMatch(/"not" needs a condition/);
    expect(typeError("if Age then 1 else 2 endif").message).toMatch(/"if" needs a condition/);
  });

  it("if branches must share a storage", () => {
    expect(typeError('if Age > 1 then "a" else 2 endif').message).toMatch(/different storages \(a string and an integer\)/);
  });

  it("a condition expected by the node must be boolean", () => {
    const err = typeError("Age + 1", {}, "condition");
    expect(err.message).toMatch(/a condition needs a condition \(true\/false\), but this is an integer/);
  });

  it("conditions have no order", () => {
    expect(typeError("(Age > 1) < (Age > 2)").message).toMatch(/can only be tested with = and \/=/);
  });

  it("CHAR arguments must be one character", () => {
    expect(typeError('stripchar("ab", Drug)').message).toMatch(/stripchar expects one character here/);
  });

  it("geospatial functions are refused clearly", () => {
    expect(typeError("distance(Drug, Sex)").message).toMatch(/distance: geospatial storage is not supported/);
    expect(typeError("@MULTI_RESPONSE_SET(x)").message).toMatch(/multiple-response sets are not supported/);
  });

  it("context-dependent @-names need their context", () => {
    expect(typeError("@FIELD + 1").message).toMatch(/@FIELD has no field here/);
    expect(typeError("@TARGET = @PREDICTED").message).toMatch(/@TARGET has no field here/);
    expect(typeError("@GLOBAL_MEAN(Age)").message).toMatch(/@GLOBAL_MEAN\(Age\) has no value: a Set Globals node/);
    expect(typeError("@TRAINING_PARTITION").message).toMatch(/@TRAINING_PARTITION is not set/);
    expect(typeError("@THIS(Age)").message).toMatch(/only meaningful inside the condition of @SINCE/);
    expect(typeError("@BLANK(Age + 1)").message).toMatch(/@BLANK needs a field name/);
    expect(typeError("@NOPE").message).toMatch(/unknown function @NOPE/);
  });
});

describe("names: fields, parameters, and the single-quote rule (CLEM.md §1.3, §1.9)", () => {
  it("a quoted name that is a field reads the field", () => {
    const r = checkClem("'Age' + 1", env);
    expect(r).toEqual({ storage: "integer", warnings: [] });
  });

  it("a quoted name that is no field is the string itself, with a warning", () => {
    const r = checkClem("Drug = 'drugY'", env);
    expect(r.storage).toBe("boolean");
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/line 1, column 8: 'drugY' is not a field, so it is read as the string "drugY"/);
  });

  it("the warning suggests a near field name", () => {
    expect(checkClem("'drug' >< 'x'", env).warnings[0]).toMatch(/did you mean the field 'Drug'\?/);
  });

  it("'$P-name' reads a parameter with its storage", () => {
    const parameters = new Map([["min_age", { storage: "integer" as const, value: 18 }]]);
    expect(checkClem("Age > '$P-min_age'", { ...env, parameters }).storage).toBe("boolean");
    expect(storageOf("'$P-min_age' * 2", { parameters })).toBe("integer");
    expect(typeError("Age > '$P-max_age'", { parameters }).message).toMatch(/unknown parameter '\$P-max_age'; did you mean '\$P-min_age'\?/);
  });

  it("a date field compared with a string constant reads the constant in the stream format", () => {
    expect(storageOf('Birth < "01/02/2000"')).toBe("boolean");
    expect(typeError('Birth < "2000-02-01"').message).toMatch(/does not match the stream's date format DD\/MM\/YYYY/);
  });

  it("the field being derived may only be read through @OFFSET", () => {
    const selfField = { name: "Total", storage: "integer" as const };
    expect(storageOf("if @INDEX = 1 then Age else @OFFSET(Total, 1) + Age endif", { selfField })).toBe("integer");
    expect(typeError("Total + 1", { selfField }).message).toMatch(/"Total" is the field being derived/);
    expect(typeError("@OFFSET(Total, 0)", { selfField }).message).toMatch(/offset ≥ 1/);
  });
});

describe("compiled expression facts", () => {
  it("lists the fields read and whether rows must come in order", () => {
    const c = compileClem("if Age > 3 then Na else K endif", env);
    expect([...c.fields].sort()).toEqual(["Age", "K", "Na"]);
    expect(c.sequential).toBe(false);
    const s = compileClem("@OFFSET(Na, 1) + @INDEX", env);
    expect(s.sequential).toBe(true);
    expect(s.lookahead).toBe(0);
    expect(compileClem("@OFFSET(Na, -2)", env).lookahead).toBe(2);
  });

  it("warns that mod is deprecated", () => {
    expect(checkClem("Age mod 2", env).warnings[0]).toMatch(/"mod" is deprecated/);
  });
});
