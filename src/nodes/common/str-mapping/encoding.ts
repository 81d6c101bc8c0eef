/**
 * A node's `fileEncoding` ↔ the scripting `encoding`. `clientDefault` is what 51 of the 53
 * Var. File nodes of the corpus hold, i.e. the node default, which Modeler's scripting calls
 * `StreamDefault`; `serverDefault` is the stream-level default, `SystemDefault`. Named
 * encodings (`UTF-8`) are the same on both sides.
 */
import type { PropertyCodec } from "./mapping.js";
import { childText, setChildText } from "./xml-tree.js";

const TOKENS: Readonly<Record<string, string>> = { clientDefault: "StreamDefault", serverDefault: "SystemDefault" };
const REVERSE = new Map(Object.entries(TOKENS).map(([x, s]) => [s, x]));

export function encodingCodec(tag = "fileEncoding"): PropertyCodec {
  return {
    xml: `${tag} (clientDefault: StreamDefault, serverDefault: SystemDefault)`,
    read(props) {
      const v = childText(props, tag);
      return v === undefined || v === "" ? undefined : (TOKENS[v] ?? v);
    },
    write(props, value) {
      const s = String(value ?? "StreamDefault");
      setChildText(props, tag, REVERSE.get(s) ?? s);
    },
  };
}
