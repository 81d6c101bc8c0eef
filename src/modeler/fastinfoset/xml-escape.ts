import { XML_NAMESPACE, XML_PREFIX } from "./constants.js";

const TEXT_SPECIAL = /[&<>\r]/;
const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r]/;
const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

/** Character data: CR is escaped so that a parser's line-end normalisation cannot change it. */
export function escapeText(text: string): string {
  return TEXT_SPECIAL.test(text) ? text.replace(/[&<>\r]/g, (c) => ESCAPES[c]!) : text;
}

/** Attribute values: tab, LF and CR are escaped so that attribute-value normalisation keeps them. */
export function escapeAttribute(text: string): string {
  return ATTRIBUTE_SPECIAL.test(text) ? text.replace(/[&<>"\t\n\r]/g, (c) => ESCAPES[c]!) : text;
}

export function rawName(prefix: string, localName: string): string {
  return prefix ? `${prefix}:${localName}` : localName;
}

/**
 * In-scope namespace bindings while writing XML. Fast Infoset names carry their namespace name,
 * so a name whose prefix is not bound to it in the text gets a declaration added (namespace fixup).
 */
export class NamespaceScope {
  private readonly bindings: { prefix: string; namespaceName: string }[] = [];
  private generated = 0;

  mark(): number {
    return this.bindings.length;
  }

  release(mark: number): void {
    // Setting an array's length is a slow runtime call: only when something was declared.
    if (this.bindings.length !== mark) this.bindings.length = mark;
  }

  lookup(prefix: string): string | undefined {
    if (prefix === XML_PREFIX) return XML_NAMESPACE;
    for (let i = this.bindings.length - 1; i >= 0; i--) {
      if (this.bindings[i]!.prefix === prefix) return this.bindings[i]!.namespaceName;
    }
    return prefix === "" ? "" : undefined;
  }

  declare(prefix: string, namespaceName: string): void {
    this.bindings.push({ prefix, namespaceName });
  }

  /** Binds `prefix` to `namespaceName` if needed; returns the declaration to write ("" when none). */
  ensure(prefix: string, namespaceName: string): string {
    if (this.lookup(prefix) === namespaceName) return "";
    this.declare(prefix, namespaceName);
    return ` ${prefix ? `xmlns:${prefix}` : "xmlns"}="${escapeAttribute(namespaceName)}"`;
  }

  /** A prefix for a namespaced attribute that has none (XML needs one): an existing binding or a fresh `nsN`. */
  prefixFor(namespaceName: string): string {
    for (let i = this.bindings.length - 1; i >= 0; i--) {
      const b = this.bindings[i]!;
      if (b.namespaceName === namespaceName && b.prefix !== "" && this.lookup(b.prefix) === namespaceName) return b.prefix;
    }
    let prefix: string;
    do prefix = `ns${++this.generated}`;
    while (this.lookup(prefix) !== undefined);
    return prefix;
  }
}
