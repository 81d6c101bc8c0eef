/**
 * A small, immutable-after-parse XML element tree: the shape the compilers read.
 *
 * `name` is the local name for elements of the PMML namespace (whatever prefix the document used)
 * and the qualified name (`data:Age`) for elements of other namespaces, which only occur where
 * PMML allows foreign content (Extension, InlineTable rows). `localName` always drops the prefix.
 */
export class XmlElement {
  readonly children: XmlElement[] = [];
  /** 1-based position among siblings of the same name, for readable paths. */
  position = 1;
  parent: XmlElement | null = null;

  constructor(
    readonly name: string,
    readonly localName: string,
    readonly attributes: Readonly<Record<string, string>>,
    /** Concatenated character data directly inside this element (not trimmed). */
    public text: string,
    /** Namespace URI of the element, or "" when none applies. */
    readonly namespace: string,
  ) {}

  attr(name: string): string | undefined {
    return Object.prototype.hasOwnProperty.call(this.attributes, name) ? this.attributes[name] : undefined;
  }

  child(name: string): XmlElement | undefined {
    for (const c of this.children) if (c.name === name) return c;
    return undefined;
  }

  childrenNamed(name: string): XmlElement[] {
    return this.children.filter((c) => c.name === name);
  }

  /** Children that are not `Extension` elements (vendor content PMML says to ignore). */
  get contentChildren(): XmlElement[] {
    return this.children.filter((c) => c.name !== "Extension");
  }

  /** `PMML/TreeModel/Node[2]/Node[1]` — where this element sits, for error messages. */
  get path(): string {
    const siblings = this.parent ? this.parent.children.filter((c) => c.name === this.name).length : 1;
    const own = siblings > 1 ? `${this.name}[${this.position}]` : this.name;
    return this.parent ? `${this.parent.path}/${own}` : own;
  }

  /** Path plus an identifying attribute when the element has one (name, id, field). */
  describe(): string {
    const id = this.attr("name") ?? this.attr("id") ?? this.attr("field");
    return id !== undefined ? `${this.path} (${JSON.stringify(id)})` : this.path;
  }
}
