import type {
  FiAttribute,
  FiContentHandler,
  FiDocument,
  FiDocumentChild,
  FiDocumentProperties,
  FiDocumentTypeDeclaration,
  FiElement,
  FiNamespaceDeclaration,
  FiNode,
  FiQualifiedName,
  FiUnexpandedEntityReference,
} from "./types.js";
import { NONE } from "./vocabulary.js";

/** Builds a `FiDocument` from parser events; adjacent character chunks of the same kind become one text node. */
export class DomBuilder implements FiContentHandler {
  private readonly root: FiDocument = {
    kind: "document",
    children: [],
    additionalData: [],
    notations: [],
    unparsedEntities: [],
  };
  private readonly stack: FiElement[] = [];
  /**
   * Children are gathered per depth in reused arrays and copied to an exact-size array when the
   * element ends: a growing array reserves 17 slots on its first push, which for hundreds of
   * thousands of small elements would multiply the memory (and GC time) of the tree.
   */
  private readonly collectors: FiNode[][] = [];
  /** The collector receiving nodes: the current element's, or null at document level. */
  private current: FiNode[] | null = null;

  document(): FiDocument {
    return this.root;
  }

  startDocument(properties: FiDocumentProperties): void {
    Object.assign(this.root, properties);
  }

  documentType(declaration: FiDocumentTypeDeclaration): void {
    this.root.children.push(declaration);
  }

  startElement(name: FiQualifiedName, attributes: readonly FiAttribute[], namespaceDeclarations: readonly FiNamespaceDeclaration[]): void {
    const element: FiElement = { kind: "element", name, attributes, namespaceDeclarations, children: NONE };
    this.append(element);
    const depth = this.stack.length;
    this.stack.push(element);
    this.current = this.collectors[depth] ??= [];
  }

  endElement(): void {
    const element = this.stack.pop()!;
    const collector = this.current!;
    if (collector.length > 0) {
      element.children = collector.slice();
      collector.length = 0;
    }
    const depth = this.stack.length;
    this.current = depth > 0 ? this.collectors[depth - 1]! : null;
  }

  characters(text: string, cdata: boolean): void {
    const children = this.current;
    if (!children) return;
    const last = children[children.length - 1];
    if (last !== undefined && last.kind === "text" && (last.cdata === true) === cdata) {
      last.value += text;
    } else {
      children.push(cdata ? { kind: "text", value: text, cdata: true } : { kind: "text", value: text });
    }
  }

  comment(text: string): void {
    this.append({ kind: "comment", value: text });
  }

  processingInstruction(target: string, data: string): void {
    this.append({ kind: "processingInstruction", target, data });
  }

  entityReference(reference: FiUnexpandedEntityReference): void {
    this.append(reference);
  }

  /** At document level the decoder only reports elements, comments and processing instructions. */
  private append(node: FiNode): void {
    if (this.current) this.current.push(node);
    else this.root.children.push(node as FiDocumentChild);
  }
}
