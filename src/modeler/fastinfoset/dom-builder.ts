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
   * Children are gathered per depth in reused arrays and copied at exact size when the element
   * ends: a growing array reserves 17 slots on its first push, which for hundreds of thousands of
   * small elements would multiply the memory (and GC time) of the tree. The arrays are filled from
   * slot 0 and never truncated (setting an array's length is a slow runtime call).
   */
  private readonly collectors: FiNode[][] = [];
  private readonly counts: number[] = [];

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
    this.collectors[depth] ??= [];
    this.counts[depth] = 0;
  }

  endElement(): void {
    const element = this.stack.pop()!;
    const depth = this.stack.length;
    const count = this.counts[depth]!;
    if (count > 0) element.children = this.collectors[depth]!.slice(0, count);
  }

  characters(text: string, cdata: boolean): void {
    const depth = this.stack.length - 1;
    if (depth < 0) return;
    const children = this.collectors[depth]!;
    const count = this.counts[depth]!;
    const last = count > 0 ? children[count - 1]! : undefined;
    if (last !== undefined && last.kind === "text" && (last.cdata === true) === cdata) {
      last.value += text;
    } else {
      children[count] = cdata ? { kind: "text", value: text, cdata: true } : { kind: "text", value: text };
      this.counts[depth] = count + 1;
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
    const depth = this.stack.length - 1;
    if (depth < 0) {
      this.root.children.push(node as FiDocumentChild);
      return;
    }
    const count = this.counts[depth]!;
    this.collectors[depth]![count] = node;
    this.counts[depth] = count + 1;
  }
}
