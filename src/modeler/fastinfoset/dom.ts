import type { FiDocument, FiElement, FiQualifiedName } from "./types.js";

/** A qualified name; prefix and namespace name default to none. */
export function createQualifiedName(localName: string, namespaceName = "", prefix = ""): FiQualifiedName {
  return { prefix, namespaceName, localName };
}

/** The document element (the first element child of the document), if any. */
export function documentElement(document: FiDocument): FiElement | undefined {
  for (const child of document.children) if (child.kind === "element") return child;
  return undefined;
}
