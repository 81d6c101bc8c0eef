import { describe, expect, it } from "vitest";
import { value } from "./helpers.js";

describe("string functions (CLEM.md §4.11), positions 1-based", () => {
  it("examples from the Modeler documentation", () => {
    expect(value('count_substring("foooo.txt", "oo")')).toBe(3); // overlaps counted
    expect(value('stripchar(`3`, "123")')).toBe("12");
  });

  it("length, startstring, endstring, allbutfirst, allbutlast", () => {
    expect(value('length("abc")')).toBe(3);
    expect(value('length("")')).toBe(0);
    expect(value('startstring(2, "abcd")')).toBe("ab");
    expect(value('startstring(10, "abc")')).toBe("abc");
    expect(value('endstring(2, "abcd")')).toBe("cd");
    expect(value('endstring(9, "abcd")')).toBe("abcd");
    expect(value('allbutfirst(1, "abcd")')).toBe("bcd");
    expect(value('allbutfirst(9, "abcd")')).toBe("");
    expect(value('allbutlast(1, "abcd")')).toBe("abc");
    expect(value('allbutlast(9, "abcd")')).toBe("");
    expect(value('startstring(-1, "abc")')).toBeNull();
  });

  it("substring, substring_between, subscrs, last", () => {
    expect(value('substring(2, 3, "abcdef")')).toBe("bcd");
    expect(value('substring(5, 9, "abcdef")')).toBe("ef");
    expect(value('substring(5, 4, to_string(20040201))')).toBe("0201");
    expect(value('substring(0, 2, "abc")')).toBeNull();
    expect(value('substring(4, 1, "abc")')).toBeNull();
    expect(value('substring_between(2, 4, "abcdef")')).toBe("bcd");
    expect(value('substring_between(4, 2, "abcdef")')).toBeNull();
    expect(value('subscrs(2, "abc")')).toBe("b");
    expect(value('subscrs(4, "abc")')).toBeNull();
    expect(value('last("abc")')).toBe("c");
    expect(value('last("")')).toBeNull();
  });

  it("issubstring and friends give the start position or 0", () => {
    expect(value('issubstring("cd", "abcdcd")')).toBe(3);
    expect(value('issubstring("cd", 4, "abcdcd")')).toBe(5);
    expect(value('issubstring("x", "abc")')).toBe(0);
    expect(value('issubstring_count("cd", 2, "abcdcd")')).toBe(5);
    expect(value('issubstring_count("cd", 3, "abcdcd")')).toBe(0);
    expect(value('issubstring_count("aa", 2, "aaaa")')).toBe(2);
    expect(value('hassubstring("abcdcd", "cd")')).toBe(3);
    expect(value('hassubstring("abcdcd", 4, "cd")')).toBe(5);
    expect(value('isstartstring("ab", "abc")')).toBe(1);
    expect(value('isstartstring("b", "abc")')).toBe(0);
    expect(value('hasstartstring("abc", "ab")')).toBe(1);
    expect(value('isendstring("bc", "abc")')).toBe(2);
    expect(value('isendstring("b", "abc")')).toBe(0);
    expect(value('hasendstring("abc", "bc")')).toBe(2);
    expect(value('ismidstring("b", "abc")')).toBe(2);
    expect(value('ismidstring("a", "abca")')).toBe(0); // only at the very start and the very end
    expect(value('ismidstring("bc", "abc")')).toBe(0);
    expect(value('hasmidstring("abc", "b")')).toBe(2);
    expect(value('issubstring("", "abc")')).toBe(0);
    expect(value('issubstring("a", 9, "abc")')).toBe(0);
    expect(value('issubstring("a", 0, "abc")')).toBeNull();
  });

  it("issubstring_lim: the match must start by STARTLIM and end by ENDLIM; false switches a limit off", () => {
    expect(value('issubstring_lim("cd", 1, 3, 4, "abcdef")')).toBe(3);
    expect(value('issubstring_lim("cd", 1, 2, 4, "abcdef")')).toBe(0);
    expect(value('issubstring_lim("cd", 1, 3, 3, "abcdef")')).toBe(0);
    expect(value('issubstring_lim("cd", 1, false, 4, "abcdef")')).toBe(3);
    expect(value('issubstring_lim("cd", 1, 3, false, "abcdef")')).toBe(3);
    expect(() => value('issubstring_lim("cd", 1, true, 4, "abcdef")')).toThrow(/a limit is an integer, or false/);
  });

  it("locchar, locchar_back, strmember; an invalid start gives $null$", () => {
    expect(value('locchar(`-`, 1, "ab-cd-e")')).toBe(3);
    expect(value('locchar(`-`, 4, "ab-cd-e")')).toBe(6);
    expect(value('locchar(`x`, 1, "abc")')).toBe(0);
    expect(value('locchar(`a`, 9, "abc")')).toBeNull();
    expect(value('locchar_back(`-`, length("ab-cd-e"), "ab-cd-e")')).toBe(6);
    expect(value('locchar_back(`-`, 5, "ab-cd-e")')).toBe(3);
    expect(value('strmember(`c`, "abc")')).toBe(3);
    expect(value('strmember(`z`, "")')).toBe(0);
    expect(value('to_integer(substring(locchar(`-`, 1, x) + 1, 2, x))', { x: "AB-12-9" })).toBe(12);
  });

  it("skipchar and skipchar_back find the first character that is not CHAR", () => {
    expect(value('skipchar(`0`, 1, "0012")')).toBe(3);
    expect(value('skipchar(`0`, 1, "000")')).toBe(0);
    expect(value('skipchar_back(` `, 5, "ab   ")')).toBe(2);
    expect(value('skipchar(`0`, 0, "0012")')).toBeNull();
  });

  it("replace, replicate, stripchar, textsplit", () => {
    expect(value('replace("ab", "x", "abcabab")')).toBe("xcxx");
    expect(value('replace("aa", "b", "aaa")')).toBe("ba");
    expect(value('replicate(3, "ab")')).toBe("ababab");
    expect(value('replicate(0, "ab")')).toBe("");
    expect(value('stripchar(`-`, "a-b-c")')).toBe("abc");
    expect(value('textsplit("a,b,,c", 2, `,`)')).toBe("b");
    expect(value('textsplit("a,b,,c", 3, `,`)')).toBe("");
    expect(value('textsplit("a,b", 1, `,`)')).toBe("a");
    expect(value('textsplit("a,b", 3, `,`)')).toBeNull();
  });

  it("trim, trim_start, trimend, case conversion", () => {
    expect(value('trim("  a b  ")')).toBe("a b");
    expect(value('trim_start("  a ")')).toBe("a ");
    expect(value('trimend("  a ")')).toBe("  a");
    expect(value('lowertoupper("abc1é")')).toBe("ABC1É");
    expect(value('uppertolower("ABC")')).toBe("abc");
    expect(value("lowertoupper(`a`)")).toBe("A");
  });

  it("character class tests", () => {
    expect(value("isalphacode(`a`)")).toBe(true);
    expect(value("isalphacode(`1`)")).toBe(false);
    expect(value("isnumbercode(`7`)")).toBe(true);
    expect(value("islowercode(`a`)")).toBe(true);
    expect(value("islowercode(`A`)")).toBe(false);
    expect(value("isuppercode(`A`)")).toBe(true);
    expect(value("isalphacode(s)", { s: "ab" })).toBeNull(); // a field value that is no single character
  });

  it("unicode_char and unicode_value", () => {
    expect(value("unicode_char(65)")).toBe("A");
    expect(value("unicode_char(44032)")).toBe("가");
    expect(value("unicode_value(`A`)")).toBe(65);
    expect(value("unicode_char(-1)")).toBeNull();
  });

  it("matches: whole-string wildcards ? and *, backslash escapes", () => {
    expect(value('matches("report.txt", "*.txt")')).toBe(true);
    expect(value('matches("report.txt", "*.TXT")')).toBe(false);
    expect(value('matches("abc", "a?c")')).toBe(true);
    expect(value('matches("abbc", "a?c")')).toBe(false);
    expect(value('matches("a*c", "a\\\\*c")')).toBe(true);
    expect(value('matches("abc", "a\\\\*c")')).toBe(false);
    expect(value('matches("", "*")')).toBe(true);
    expect(value('uppertolower(x) matches "true"', { x: "TRUE" })).toBe(true);
  });

  it("alphabefore orders alphabetically, ignoring case first", () => {
    expect(value('alphabefore("apple", "Banana")')).toBe(true);
    expect(value('alphabefore("Banana", "apple")')).toBe(false);
    expect(value('alphabefore("B", "b")')).toBe(true);
  });

  it("string comparison is case-sensitive, by code unit, trailing spaces count", () => {
    expect(value('"a" = "A"')).toBe(false);
    expect(value('"a " = "a"')).toBe(false);
    expect(value('"B" < "a"')).toBe(true);
  });

  it("positions count UTF-16 code units, like Modeler's Java strings", () => {
    expect(value('length("통화")')).toBe(2);
    expect(value('substring(2, 1, "통화12")')).toBe("화");
  });
});

describe("SoundEx (CLEM.md §4.12)", () => {
  it("codes names as a letter and three digits", () => {
    expect(value('soundex("Robert")')).toBe("R163");
    expect(value('soundex("Rupert")')).toBe("R163");
    expect(value('soundex("Rubin")')).toBe("R150");
    expect(value('soundex("Ashcraft")')).toBe("A261"); // H does not separate S and C
    expect(value('soundex("Tymczak")')).toBe("T522"); // a vowel separates the two Z/K codes
    expect(value('soundex("Pfister")')).toBe("P236"); // F has the code of the first letter P
    expect(value('soundex("Lee")')).toBe("L000");
    expect(value('soundex("123")')).toBeNull();
  });

  it("soundex_difference counts agreeing characters, 0–4", () => {
    expect(value('soundex_difference("Robert", "Rupert")')).toBe(4);
    expect(value('soundex_difference("Robert", "Rubin")')).toBe(2); // R163 vs R150: R and 1 agree
    expect(value('soundex_difference("Smith", "Jones")')).toBe(2); // S530 vs J520: the 5 and the final 0 agree
    expect(value('soundex_difference("Ashcraft", "Tymczak")')).toBe(0); // A261 vs T522: no position agrees
  });
});
