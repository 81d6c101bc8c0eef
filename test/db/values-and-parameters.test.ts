import { describe, expect, it } from "vitest";
import { daysFromCivil, SECONDS_PER_DAY } from "../../src/data/values.js";
import { decodeDate, decodeInteger, decodeReal, decodeTime, decodeTimestamp, longestString, valueText } from "../../src/db/db-values.js";
import { copyEncoder, escapeCopyText, pgDateText, unescapeCopyText } from "../../src/db/dialects/postgres/copy.js";
import { bindStreamParameters } from "../../src/db/sql-parameters.js";
import { insertWriter, statementRows } from "../../src/db/insert-writer.js";

describe("text values", () => {
  it("decodes dates, times and timestamps in ISO and database forms", () => {
    expect(decodeDate("2024-02-29")).toBe(daysFromCivil(2024, 2, 29));
    expect(decodeDate("0001-01-01")).toBe(-719_162);
    expect(decodeDate("0044-03-15 BC")).toBe(daysFromCivil(-43, 3, 15));
    expect(decodeDate("2023-02-29")).toBeNull();
    expect(decodeDate("0000-00-00")).toBeNull();
    expect(decodeDate("infinity")).toBeNull();
    expect(decodeTime("13:45:00.25")).toBe(49_500.25);
    expect(decodeTime("13:45:00+02")).toBe(42_300);
    expect(decodeTime("838:59:59")).toBeNull();
    expect(decodeTimestamp("1970-01-01 00:00:01")).toBe(1);
    expect(decodeTimestamp("2024-02-29 10:00:00.5+02:00")).toBe(daysFromCivil(2024, 2, 29) * SECONDS_PER_DAY + 8 * 3600 + 0.5);
    expect(decodeTimestamp("2024-02-29T10:00:00Z")).toBe(daysFromCivil(2024, 2, 29) * SECONDS_PER_DAY + 36_000);
  });

  it("keeps integers beyond 2^53 exact and refuses fractions; reals drop NaN and infinities", () => {
    expect(decodeInteger("42")).toBe(42);
    expect(decodeInteger("9007199254740993")).toBe(9007199254740993n);
    expect(decodeInteger("-9223372036854775808")).toBe(-9223372036854775808n);
    expect(decodeInteger("12.0")).toBe(12);
    expect(decodeInteger("1.5")).toBeNull();
    expect(decodeReal("NaN")).toBeNull();
    expect(decodeReal("-Infinity")).toBeNull();
    expect(decodeReal("1e-300")).toBe(1e-300);
  });

  it("writes values as ISO text", () => {
    expect(valueText(daysFromCivil(9999, 12, 31), "date")).toBe("9999-12-31");
    expect(valueText(3600.5, "time")).toBe("01:00:00.5");
    expect(valueText(2n ** 64n, "integer")).toBe("18446744073709551616");
    expect(valueText(null, "string")).toBeNull();
    expect(longestString(["ab", null, "😀x", 5], 4)).toBe(3);
  });
});

describe("PostgreSQL COPY text", () => {
  it("escapes backslash, tab and line breaks both ways, and writes BC dates", () => {
    const s = "a\\b\tc\nd\re";
    expect(escapeCopyText(s)).toBe("a\\\\b\\tc\\nd\\re");
    expect(unescapeCopyText(escapeCopyText(s))).toBe(s);
    expect(copyEncoder("string")(null)).toBe("\\N");
    expect(copyEncoder("string")("\\N")).toBe("\\\\N");
    expect(pgDateText(daysFromCivil(0, 1, 1))).toBe("0001-01-01 BC");
    expect(copyEncoder("timestamp")(daysFromCivil(-43, 3, 15) * SECONDS_PER_DAY + 3600)).toBe("0044-03-15 01:00:00 BC");
  });
});

describe("'$P-name' in SQL queries", () => {
  const params = new Map([
    ["min_age", { storage: "integer" as const, value: 30 }],
    ["drug", { storage: "string" as const, value: "x'); DROP TABLE t; --" }],
    ["since", { storage: "date" as const, value: daysFromCivil(2024, 1, 31) }],
  ]);

  it("binds quoted and bare references as parameters; the values never enter the SQL", () => {
    const b = bindStreamParameters("SELECT * FROM t WHERE AGE > '$P-min_age' AND DRUG = '$P-drug' AND D >= $P-since", params, (i) => `$${i}`);
    expect(b.sql).toBe("SELECT * FROM t WHERE AGE > $1 AND DRUG = $2 AND D >= $3");
    expect(b.params).toEqual([30, "x'); DROP TABLE t; --", "2024-01-31"]);
    expect(b.names).toEqual(["min_age", "drug", "since"]);
  });

  it("leaves literals, quoted identifiers and comments alone", () => {
    const b = bindStreamParameters(`SELECT '$P-min_age is ''not'' bound', "$P-min_age" -- $P-min_age\n/* $P-drug */ FROM t WHERE x = ?`, params, () => "?");
    expect(b.params).toEqual([]);
    expect(b.sql).toContain("'$P-min_age is ''not'' bound'");
  });

  it("names an unknown parameter and the known ones", () => {
    expect(() => bindStreamParameters("SELECT '$P-max_age'", params, () => "?", { node: 'node "in"' })).toThrow(/node "in" refers to parameter '\$P-max_age', which the stream does not define; its parameters are: min_age, drug, since/);
  });
});

describe("plain INSERT batching", () => {
  it("keeps statements within the parameter and row limits and carries rows over batches", async () => {
    expect(statementRows(7, 5000, 2098, 1000)).toBe(299);
    expect(statementRows(3, 5000, 32_766, 500)).toBe(500);
    expect(statementRows(70_000, 10, 65_535, 1000)).toBe(1);
    const calls: number[] = [];
    const w = insertWriter({
      session: { raw: {}, execute: async (_s, p = []) => (calls.push(p.length), { rows: [] }) },
      width: 2,
      sql: (rows) => `INSERT ${rows}`,
      encoders: [(v) => v as number, (v) => v as number],
      rowsPerStatement: 4,
      maxParameters: 1000,
      maxRowsPerInsert: 1000,
    });
    await w.write([[1, 2, 3], [1, 2, 3]], 3);
    await w.write([[4, 5, 6], [4, 5, 6]], 3);
    expect(await w.finish()).toBe(6);
    expect(calls).toEqual([8, 4]);
  });
});
