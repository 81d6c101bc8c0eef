import { describe, expect, it } from "vitest";
import { CsvFormatError, DelimitedTokenizer, formatCsvField, formatCsvRow, parseCsv, readCsvRecords, toCsv, type DelimitedFormat } from "../../src/data/csv.js";

/** Every record of `text` as arrays of field texts, with the quoted flags. */
function tokenize(text: string, format: DelimitedFormat): Array<{ fields: string[]; quoted: boolean[]; line: number }> {
  const out: Array<{ fields: string[]; quoted: boolean[]; line: number }> = [];
  new DelimitedTokenizer(format).parse(text, 0, true, (s, row) => {
    const fields: string[] = [];
    const quoted: boolean[] = [];
    for (let i = 0; i < row.count; i++) {
      fields.push(row.text(s, i));
      quoted.push(row.quoted[i] === 1);
    }
    out.push({ fields, quoted, line: row.line });
    return true;
  });
  return out;
}

const fields = (text: string, format: DelimitedFormat) => tokenize(text, format).map((r) => r.fields);

/** The same text fed in two pieces split at `cut`, as a file read in chunks would be. */
function tokenizeInPieces(text: string, format: DelimitedFormat, cut: number): string[][] {
  const t = new DelimitedTokenizer(format);
  const out: string[][] = [];
  const collect = (s: string, row: { count: number; text(s: string, i: number): string }) => {
    out.push(Array.from({ length: row.count }, (_, i) => row.text(s, i)));
    return true;
  };
  const first = text.slice(0, cut);
  const pos = t.parse(first, 0, false, collect);
  t.parse(first.slice(pos) + text.slice(cut), 0, true, collect);
  return out;
}

describe("DelimitedTokenizer", () => {
  const comma: DelimitedFormat = { delimiters: "," };

  it("splits lines into fields; LF, CRLF and CR all end records; empty lines are skipped", () => {
    expect(fields("a,b\r\nc,d\n\ne,f\rg,h", comma)).toEqual([["a", "b"], ["c", "d"], ["e", "f"], ["g", "h"]]);
  });

  it("keeps empty fields, including a trailing one", () => {
    expect(fields(",a,,\n", comma)).toEqual([["", "a", "", ""]]);
  });

  it("numbers records by the line they start on", () => {
    expect(tokenize("a\n\nb\r\nc", comma).map((r) => r.line)).toEqual([1, 3, 4]);
  });

  it("takes every character of the delimiter list as a delimiter", () => {
    expect(fields("a;b,c|d", { delimiters: ",;|" })).toEqual([["a", "b", "c", "d"]]);
  });

  it("gives the same records however the text is cut into chunks", () => {
    const text = 'x,"a ""q"" b",y\r\n1,\'2\',3\n"multi\nline",z\n\nlast,row';
    const format: DelimitedFormat = { delimiters: ",", doubleQuote: "PairAndDiscard", singleQuote: "Discard" };
    const whole = fields(text, format);
    expect(whole).toEqual([["x", 'a "q" b', "y"], ["1", "2", "3"], ["multi\nline", "z"], ["last", "row"]]);
    for (let cut = 0; cut <= text.length; cut++) expect(tokenizeInPieces(text, format, cut)).toEqual(whole);
  });

  it("Discard removes quote characters but does not protect delimiters", () => {
    expect(tokenize(`"a,b",'c'd`, { delimiters: ",", doubleQuote: "Discard", singleQuote: "Discard" })).toEqual([
      { fields: ["a", "b", "cd"], quoted: [true, true, true], line: 1 },
    ]);
  });

  it("PairAndDiscard keeps delimiters and line breaks inside a pair, anywhere in the field", () => {
    expect(fields(`"a,b",x"y,z"w,"he said ""hi"""`, { delimiters: ",", doubleQuote: "PairAndDiscard" })).toEqual([["a,b", "xy,zw", 'he said "hi"']]);
    expect(fields(`'it''s',"2\n3"`, { delimiters: ",", singleQuote: "PairAndDiscard", doubleQuote: "PairAndDiscard" })).toEqual([["it's", "2\n3"]]);
  });

  it("the other quote is plain text inside a pair", () => {
    expect(fields(`"O'Brien, J",'say "x"'`, { delimiters: ",", singleQuote: "PairAndDiscard", doubleQuote: "PairAndDiscard" })).toEqual([["O'Brien, J", 'say "x"']]);
  });

  it("IncludeAsText keeps quotes as characters and marks nothing quoted", () => {
    expect(tokenize(`"a",'b'`, { delimiters: ",", doubleQuote: "IncludeAsText", singleQuote: "IncludeAsText" })).toEqual([
      { fields: ['"a"', "'b'"], quoted: [false, false], line: 1 },
    ]);
  });

  it("an unmatched PairAndDiscard quote is an error naming the line where it opened", () => {
    expect(() => fields('a,b\nc,"d\ne', { delimiters: ",", doubleQuote: "PairAndDiscard" })).toThrow(CsvFormatError);
    expect(() => fields('a,b\nc,"d\ne', { delimiters: ",", doubleQuote: "PairAndDiscard" })).toThrow(/line 2/);
  });

  it("multiBlank: a run of blanks is one delimiter, blanks at line ends add no field", () => {
    expect(fields("  12   34 \t 56  \n7\t\t8", { delimiters: " \t", multiBlank: true })).toEqual([["12", "34", "56"], ["7", "8"]]);
    // Without it every blank separates.
    expect(fields("1  2", { delimiters: " " })).toEqual([["1", "", "2"]]);
    // Non-blank delimiters still make empty fields.
    expect(fields("1,,2", { delimiters: ", ", multiBlank: true })).toEqual([["1", "", "2"]]);
  });

  it("fieldsPerRecord: records are N fields, wrapping over lines", () => {
    expect(fields("a,b,c\nd,e,f\ng", { delimiters: ",", fieldsPerRecord: 2 })).toEqual([["a", "b"], ["c", "d"], ["e", "f"], ["g"]]);
    // A delimiter right before the line break does not add an empty field; empty lines are skipped.
    expect(fields("a,b,\n\nc,d,\n", { delimiters: ",", fieldsPerRecord: 2 })).toEqual([["a", "b"], ["c", "d"]]);
  });

  it("stops when the callback says so and resumes where it stopped", () => {
    const t = new DelimitedTokenizer(comma);
    const seen: string[] = [];
    const text = "1\n2\n3\n";
    const pos = t.parse(text, 0, true, (s, row) => {
      seen.push(row.text(s, 0));
      return seen.length < 2;
    });
    expect(seen).toEqual(["1", "2"]);
    expect(pos).toBe(4);
    t.parse(text, pos, true, (s, row) => (seen.push(row.text(s, 0)), true));
    expect(seen).toEqual(["1", "2", "3"]);
  });

  it("handles a delimiter outside Latin-1 and non-ASCII text", () => {
    expect(fields("α→β→γ\n", { delimiters: "→" })).toEqual([["α", "β", "γ"]]);
  });
});

describe("RFC 4180 CSV", () => {
  it("reads the RFC's examples: quoted fields with commas, line breaks and doubled quotes", () => {
    const text = 'aaa,"b\r\nbb","ccc"\r\nzzz,yyy,xxx\r\n"aaa","b""bb","ccc"\r\n';
    expect(parseCsv(text)).toEqual([["aaa", "b\r\nbb", "ccc"], ["zzz", "yyy", "xxx"], ["aaa", 'b"bb', "ccc"]]);
  });

  it("drops a byte-order mark and reads other delimiters", () => {
    expect(parseCsv("\ufeffa;b\n1;2", { delimiter: ";" })).toEqual([["a", "b"], ["1", "2"]]);
  });

  it("quotes a field only when it must", () => {
    expect(formatCsvField("plain")).toBe("plain");
    expect(formatCsvField("a,b")).toBe('"a,b"');
    expect(formatCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(formatCsvField("two\nlines")).toBe('"two\nlines"');
    expect(formatCsvField(" padded")).toBe('" padded"');
    expect(formatCsvField("a;b", { delimiter: ";" })).toBe('"a;b"');
    expect(formatCsvRow(["1", "x,y", ""])).toBe('1,"x,y",');
  });

  it("reads back what it writes", () => {
    const rows = [["id", "text"], ["1", 'a "quoted", multi\nline value'], ["2", ""], ["3", "  spaced  "]];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
    expect(toCsv([["a", "b"]], { newline: "\r\n" })).toBe("a,b\r\n");
  });

  it("streams records from chunks, whatever the chunk boundaries", async () => {
    const text = 'h1,h2\n"x\ny",1\nz,"2,3"\n';
    async function* chunks() {
      for (let i = 0; i < text.length; i += 3) yield text.slice(i, i + 3);
    }
    const records: string[][] = [];
    for await (const group of readCsvRecords(chunks())) records.push(...group);
    expect(records).toEqual([["h1", "h2"], ["x\ny", "1"], ["z", "2,3"]]);
  });
});

describe("DelimitedTokenizer fast path (one delimiter)", () => {
  it("reads lines ended by CR alone in chunks, without waiting for the end of the text", () => {
    const t = new DelimitedTokenizer({ delimiters: "," });
    const seen: string[][] = [];
    const pos = t.parse("a,b\rc,d\re", 0, false, (s, row) => (seen.push(Array.from({ length: row.count }, (_, i) => row.text(s, i))), true));
    expect(seen).toEqual([["a", "b"], ["c", "d"]]);
    expect(pos).toBe(8);
  });

  it("mixes plain lines with lines that need the full tokenizer", () => {
    const format: DelimitedFormat = { delimiters: ";", doubleQuote: "PairAndDiscard" };
    const text = 'a;b\r\n"x;y";z\n\nc;d\rlast;"q""q"\r\n\n';
    expect(fields(text, format)).toEqual([["a", "b"], ["x;y", "z"], ["c", "d"], ["last", 'q"q']]);
    expect(tokenize(text, format).map((r) => r.line)).toEqual([1, 2, 4, 5]);
    for (let cut = 0; cut <= text.length; cut++) expect(tokenizeInPieces(text, format, cut)).toEqual(fields(text, format));
  });
});

describe("DelimitedTokenizer on one-field lines", () => {
  it("reads a long file whose lines hold no delimiter in linear time", () => {
    const lines = 200_000;
    const text = "x\n".repeat(lines);
    let count = 0;
    const t0 = performance.now();
    new DelimitedTokenizer({ delimiters: "," }).parse(text, 0, true, () => (count++, true));
    expect(count).toBe(lines);
    // Quadratic scanning (each line searching the rest of the text for a comma) takes minutes.
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
