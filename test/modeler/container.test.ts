/**
 * The .str container: finding the main member by position (names may be non-ASCII without
 * the ZIP UTF-8 flag), plain-XML and Fast Infoset main members, the kinds of data members
 * (checked against manifest.json), SCF chunks (unterminated zlib), nugget PMML wherever it
 * is held, and the limits that refuse hostile files with StrFormatError.
 */
import { readFileSync } from "node:fs";
import { constants, deflateSync, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { StrContainer } from "../../src/modeler/container/str-file.js";
import { decodeScf, replaceScfContent, scfRecord } from "../../src/modeler/container/scf.js";
import { classifyMember } from "../../src/modeler/container/members.js";
import { writeZip } from "../../src/modeler/container/zip-writer.js";
import { StrFormatError } from "../../src/modeler/errors.js";
import { InflateBudget, strLimits } from "../../src/modeler/limits.js";
import { CORPUS_AVAILABLE, corpusFile, corpusFiles, manifest } from "./helpers/corpus.js";
import { centralEntries, makeScf, setUint16, setUint32 } from "./helpers/zip-bytes.js";

const cp437Of = (s: string) => {
  // How a tool that ignores UTF-8 shows the name (manifest.json was written that way for one file).
  const high = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0";
  return [...Buffer.from(s, "utf8")].map((b) => (b < 0x80 ? String.fromCharCode(b) : high[b - 0x80])).join("");
};

function expectStrError(fn: () => unknown, pattern: RegExp): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StrFormatError);
    expect((err as StrFormatError).code).toBe("STR_FORMAT");
    expect((err as Error).message).toMatch(pattern);
    return;
  }
  throw new Error("expected a StrFormatError");
}

describe.skipIf(!CORPUS_AVAILABLE)("the container of real files", () => {
  const entries = CORPUS_AVAILABLE ? manifest() : new Map();

  it("finds the main member by position and decodes it (Fast Infoset from 16.0, plain XML in 14.2)", () => {
    for (const f of corpusFiles()) {
      const c = StrContainer.open(readFileSync(f.strPath));
      expect(c.entries[0]).toBe(c.main);
      expect(c.main.name.includes("/")).toBe(false);
      const m = entries.get(f.name);
      if (m) {
        expect([m.main, cp437Of(m.main)]).toContain(m.main === c.main.name ? c.main.name : cp437Of(c.main.name));
        if (f.name.includes("Prediction_Model")) continue; // 16 MB of XML: decoded by the corpus test
        expect(c.document().encoding).toBe(m.main_encoding === "plain-xml" ? "xml" : "fastinfoset");
      }
    }
  }, 120_000);

  it("reads UTF-8 names written without the ZIP UTF-8 flag", () => {
    const c = StrContainer.open(readFileSync(corpusFile("hkwd__spssmodelerscript__240520tryException__グラフ表示").strPath));
    expect(c.main.name).toBe("グラフ表示.xml");
    const k = StrContainer.open(readFileSync(corpusFile("k-minz__SPSS-Modeler__Prediction_Model").strPath));
    expect(k.main.flags & 0x800).toBe(0);
    expect(k.main.name).toBe("시슬리.xml");
  });

  it("recognises every data member as manifest.json lists it", () => {
    const expected = (kind: string, root: string | null): string => {
      if (kind === "SCF") return "scf";
      if (kind === "xml") return `xml${root ? `/${root}` : ""}`;
      if (kind === "len4+xml") return `len4+xml${root ? `/${root}` : ""}`;
      if (kind.startsWith("len4+binary:7b")) return "len4+text"; // "{…": JSON
      if (kind.startsWith("binary:")) return "binary";
      return kind;
    };
    let checked = 0;
    for (const [name, m] of entries) {
      const c = StrContainer.open(readFileSync(corpusFile(name).strPath));
      for (const [member, kind, root, model] of m.members) {
        const info = c.classify(member);
        expect(`${info.kind}${info.inner ? `+${info.inner}` : ""}${info.xmlRoot ? `/${info.xmlRoot}` : ""}`, `${name} ${member}`).toBe(expected(kind, root));
        // The manifest's last column marks members holding a model document: PMML, or StatXML in a ZIP.
        if (model) {
          const pmml = c.pmml(member);
          if (pmml === undefined) expect(Buffer.from(c.read(member)).includes("StatXML.xml"), `${name} ${member}`).toBe(true);
          else expect(pmml).toMatch(/<PMML[\s\S]*<\/PMML>\s*$/);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it("decodes SCF chunks to exactly their declared sizes (Drug1n's neural net: PMML, then an index record)", () => {
    const c = StrContainer.open(readFileSync(corpusFile("pmservice__drug-selection__Drug1n").strPath));
    const chunks = decodeScf(c.read("data/0002.dat"), "data/0002.dat", new InflateBudget(strLimits()));
    // Sizes from the chunk headers (uint32be 20352 and 75), as Python's zlib reads them too.
    expect(chunks.map((x) => x.length)).toEqual([20352, 75]);
    const record = scfRecord(chunks[0]!);
    expect(record.mimeType).toBe("application/vnd.spss.pmml+xml");
    expect(record.typeId).toBe("MEpmml.xml");
    expect(Buffer.from(record.content).toString("utf8")).toMatch(/^<\?xml[\s\S]*<PMML version="4\.1"[\s\S]*<\/PMML>$/);
  });

  it("replaces the PMML of an SCF container (a trained CF nugget): same header and index record, new content", () => {
    const c = StrContainer.open(readFileSync(corpusFile("pmservice__drug-selection__Drug1n").strPath));
    const original = c.read("data/0002.dat");
    const pmml = Buffer.from('<?xml version="1.0"?><PMML version="4.4"><Header/></PMML>', "utf8");
    const replaced = replaceScfContent(original, "data/0002.dat", new InflateBudget(strLimits()), pmml);
    // Read back by hand: header "SCF" 1, 0, offset of the index chunk; then {compressed, size, zlib}.
    const view = new DataView(replaced.buffer, replaced.byteOffset, replaced.byteLength);
    expect(Buffer.from(replaced.subarray(0, 4)).toString("latin1")).toBe("SCF\x01");
    const compressed = view.getUint32(12, false);
    const size = view.getUint32(16, false);
    expect(view.getUint32(8, false)).toBe(12 + 8 + compressed);
    const payload = inflateSync(replaced.subarray(20, 20 + compressed), { finishFlush: constants.Z_SYNC_FLUSH });
    expect(payload.length).toBe(size);
    // The record keeps Modeler's 61-byte header (type 0, 3, length 56, mimeType/typeId) before the new PMML.
    const before = decodeScf(original, "m", new InflateBudget(strLimits()));
    expect(Buffer.from(payload.subarray(0, 63))).toEqual(Buffer.from(before[0]!.subarray(0, 63)));
    expect(payload.subarray(63).toString("utf8")).toBe(pmml.toString("utf8"));
    // The index record is the original chunk, byte for byte.
    const originalView = new DataView(original.buffer, original.byteOffset, original.byteLength);
    const indexAt = originalView.getUint32(8, false);
    expect(Buffer.from(replaced.subarray(12 + 8 + compressed))).toEqual(Buffer.from(original.subarray(indexAt)));
  });
});

describe("SCF chunks are unterminated zlib streams", () => {
  it("a one-shot inflate fails on them; the reader takes exactly the declared bytes", () => {
    const payload = Buffer.from("mimeType=text/csv\ntypeId=x\n" + "a,b\n1,2\n".repeat(200));
    const scf = makeScf([payload, Buffer.from("index")]);
    const z = scf.subarray(20, 20 + new DataView(scf.buffer).getUint32(12, false));
    expect(() => inflateSync(z)).toThrow(/unexpected end/);
    const chunks = decodeScf(scf, "m", new InflateBudget(strLimits()));
    expect(Buffer.from(chunks[0]!).equals(payload)).toBe(true);
    expect(Buffer.from(chunks[1]!).toString()).toBe("index");
  });

  it("a chunk that inflates to fewer or more bytes than declared is refused", () => {
    const scf = makeScf([Buffer.from("x".repeat(1000))]);
    expectStrError(() => decodeScf(setUint32(scf, 16, 2000, false), "m", new InflateBudget(strLimits())), /fewer than the declared 2000/);
    expectStrError(() => decodeScf(setUint32(scf, 16, 10, false), "m", new InflateBudget(strLimits())), /more than its declared 10 bytes/);
    expectStrError(() => decodeScf(setUint32(scf, 12, 0x7fffffff, false), "m", new InflateBudget(strLimits())), /past the end of the member/);
    expectStrError(() => decodeScf(setUint32(scf, 16, 0xfffffff0, false), "m", new InflateBudget(strLimits())), /more than the limit/);
  });
});

describe("limits refuse hostile archives before they fill memory", () => {
  const main = new Uint8Array(Buffer.from('<?xml version="1.0"?><clementineStream version="14.2"><stream><properties/><diagram/></stream></clementineStream>'));
  const archive = (members: Array<{ name: string; data: Uint8Array }>) => writeZip(members);

  it("accepts a well-formed archive", () => {
    const c = StrContainer.open(archive([{ name: "s.xml", data: main }, { name: "data/0001.dat", data: new Uint8Array(10) }]));
    expect(c.main.name).toBe("s.xml");
    expect(c.read("data/0001.dat").length).toBe(10);
  });

  it("too many members", () => {
    const members = [{ name: "s.xml", data: main }, ...Array.from({ length: 20 }, (_, i) => ({ name: `data/${i}.dat`, data: new Uint8Array(1) }))];
    expectStrError(() => StrContainer.open(archive(members), { maxMembers: 10 }), /21 members, more than the limit of 10/);
  });

  it("a compression ratio no stream has (ZIP bomb)", () => {
    const bomb = new Uint8Array(8 * 1024 * 1024);
    expectStrError(() => StrContainer.open(archive([{ name: "s.xml", data: main }, { name: "data/0001.dat", data: bomb }]), { maxCompressionRatio: 100 }), /likely ZIP bomb/);
  });

  it("a declared size beyond the member limit, and a lie about the size", () => {
    const zip = archive([{ name: "s.xml", data: main }, { name: "data/0001.dat", data: new Uint8Array(5000).fill(7) }]);
    const second = centralEntries(zip)[1]!;
    expectStrError(() => StrContainer.open(setUint32(zip, second + 24, 0xfffffff0)), /more than the limit/);
    const lying = StrContainer.open(setUint32(zip, second + 24, 100));
    expectStrError(() => lying.read("data/0001.dat"), /inflates to more than its declared 100 bytes/);
  });

  it("the total inflated bytes of one file", () => {
    const zip = archive([{ name: "s.xml", data: main }, { name: "a", data: new Uint8Array(3000) }, { name: "b", data: new Uint8Array(3000) }]);
    const c = StrContainer.open(zip, { maxTotalBytes: 5000 });
    c.read("a");
    expectStrError(() => c.read("b"), /limit of 5000 uncompressed bytes/);
  });

  it("damaged archives: truncated, not a ZIP, CRC, encrypted, unknown method, offsets outside the file", () => {
    const zip = archive([{ name: "s.xml", data: main }]);
    expectStrError(() => StrContainer.open(zip.subarray(0, zip.length - 10)), /truncated|damaged/);
    expectStrError(() => StrContainer.open(new Uint8Array(Buffer.from("{\"format\": \"not a zip at all, just some text\"}"))), /not a ZIP/);
    const cd = centralEntries(zip)[0]!;
    expectStrError(() => StrContainer.open(setUint32(zip, cd + 16, 1234)).read("s.xml"), /CRC/);
    expectStrError(() => StrContainer.open(setUint16(zip, cd + 8, 0x801)), /encrypted/);
    expectStrError(() => StrContainer.open(setUint16(zip, cd + 10, 12)), /compression method 12/);
    expectStrError(() => StrContainer.open(setUint32(zip, cd + 42, 0x7ffffff0)), /local header .* missing or damaged/);
  });

  it("a main member that is neither Fast Infoset nor XML", () => {
    const zip = archive([{ name: "s.xml", data: new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]) }]);
    expectStrError(() => StrContainer.open(zip).document(), /neither Fast Infoset nor XML/);
  });

  it("classifies member bytes the way Modeler writes them", () => {
    const len4 = (b: Buffer) => new Uint8Array(Buffer.concat([Buffer.from([0, 0, (b.length >> 8) & 255, b.length & 255]), b]));
    expect(classifyMember(new Uint8Array(0)).kind).toBe("empty");
    expect(classifyMember(new Uint8Array(Buffer.from('<?xml version="1.0"?><Parameters/>')))).toEqual({ kind: "xml", xmlRoot: "Parameters" });
    expect(classifyMember(len4(Buffer.from("<PMML/>")))).toEqual({ kind: "len4", inner: "xml", xmlRoot: "PMML" });
    expect(classifyMember(len4(Buffer.from('{"a": 1}')))).toEqual({ kind: "len4", inner: "text" });
    expect(classifyMember(writeZip([{ name: "PMML.xml", data: new Uint8Array(Buffer.from("<PMML/>")) }])).kind).toBe("zip");
    expect(classifyMember(new Uint8Array(Buffer.from("a\tb\n1\t2\n"))).kind).toBe("text");
    expect(classifyMember(makeScf([Buffer.from("x")])).kind).toBe("scf");
    expect(deflateSync(Buffer.from("x"), { finishFlush: constants.Z_SYNC_FLUSH }).length).toBeGreaterThan(0);
  });
});
