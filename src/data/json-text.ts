/**
 * JSON text with usable syntax errors. `JSON.parse` in Node 20 often reports no position
 * ("Unexpected token ',', ..."), so on failure we scan the text ourselves to find the line
 * and column of the first error and say what was expected there.
 */

export interface JsonSyntaxProblem {
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

export function parseJsonWithPosition(text: string): { value: unknown } | { problem: JsonSyntaxProblem } {
  try {
    return { value: JSON.parse(text) };
  } catch (err) {
    const found = findJsonSyntaxError(text);
    if (found) return { problem: found };
    return { problem: { line: 1, column: 1, reason: (err as Error).message } };
  }
}

/** The first syntax error of a JSON text, or undefined when it is valid. */
export function findJsonSyntaxError(text: string): JsonSyntaxProblem | undefined {
  let pos = 0;
  const fail = (reason: string, at = pos): never => {
    throw { at, reason };
  };
  const ws = () => {
    while (pos < text.length && (text[pos] === " " || text[pos] === "\t" || text[pos] === "\n" || text[pos] === "\r")) pos++;
  };
  const describe = (at: number) => (at >= text.length ? "end of text" : `"${text[at]}"`);
  const value = (): void => {
    ws();
    const ch = text[pos];
    if (ch === "{") return object();
    if (ch === "[") return array();
    if (ch === '"') return string();
    if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) return number();
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return;
      }
    }
    if (ch === "\u201c" || ch === "\u201d") fail('typographic quote: use a plain double quote (")');
    fail(`expected a value, found ${describe(pos)}`);
  };
  const object = () => {
    pos++;
    ws();
    if (text[pos] === "}") {
      pos++;
      return;
    }
    while (true) {
      ws();
      if (text[pos] !== '"') fail(text[pos] === "}" ? "trailing comma before }" : `expected a key in double quotes, found ${describe(pos)}`);
      string();
      ws();
      if (text[pos] !== ":") fail(`expected ":" after the key, found ${describe(pos)}`);
      pos++;
      value();
      ws();
      if (text[pos] === ",") {
        pos++;
        continue;
      }
      if (text[pos] === "}") {
        pos++;
        return;
      }
      fail(`expected "," or "}", found ${describe(pos)}`);
    }
  };
  const array = () => {
    pos++;
    ws();
    if (text[pos] === "]") {
      pos++;
      return;
    }
    while (true) {
      ws();
      if (text[pos] === "]") fail("trailing comma before ]");
      value();
      ws();
      if (text[pos] === ",") {
        pos++;
        continue;
      }
      if (text[pos] === "]") {
        pos++;
        return;
      }
      fail(`expected "," or "]", found ${describe(pos)}`);
    }
  };
  const string = () => {
    const start = pos;
    pos++;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 34) {
        pos++;
        return;
      }
      if (c === 92) {
        const e = text[pos + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) fail("bad \\u escape");
          pos += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) pos += 2;
        else fail(`bad escape \\${e ?? ""}`);
        continue;
      }
      if (c < 32) fail("control character inside a string (a line break needs \\n)");
      pos++;
    }
    fail("unterminated string", start);
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(pos, pos + 400));
    if (!m) fail(`malformed number`);
    pos += m![0].length;
  };
  try {
    value();
    ws();
    if (pos < text.length) fail(`unexpected ${describe(pos)} after the end of the document`);
    return undefined;
  } catch (e) {
    if (e && typeof e === "object" && "at" in e) {
      const { at, reason } = e as { at: number; reason: string };
      return { ...lineColumnOf(text, at), reason };
    }
    throw e;
  }
}

export function lineColumnOf(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: pos - lineStart + 1 };
}
