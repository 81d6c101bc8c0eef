/**
 * Fixes for known producer bugs, applied before compiling (each one is reported back).
 *
 * SAS Enterprise Miner writes its DefineFunction "SAS-EM-String-Normalize" (and friends) with
 * `<Constant>FMTWIDTH</Constant>` where it means the parameter `<FieldRef field="FMTWIDTH"/>`.
 * JPMML corrects exactly this (org.jpmml.sas ExpressionCorrector); so do we, and only this: a
 * Constant without dataType, inside a DefineFunction of a SAS document, whose text is the name
 * of one of that function's ParameterFields.
 */
import { XmlElement } from "../xml/xml-element.js";

export interface QuirkFix {
  readonly producer: string;
  readonly description: string;
  readonly count: number;
}

export function applyQuirkFixes(root: XmlElement): QuirkFix[] {
  const fixes: QuirkFix[] = [];
  const application = root.child("Header")?.child("Application")?.attr("name") ?? "";
  if (/^SAS/i.test(application)) {
    const count = fixSasParameterConstants(root);
    if (count > 0) {
      fixes.push({
        producer: "SAS",
        description: `${count} <Constant> naming a DefineFunction parameter read as <FieldRef> (SAS exporter bug)`,
        count,
      });
    }
  }
  return fixes;
}

function fixSasParameterConstants(root: XmlElement): number {
  let count = 0;
  const dictionary = root.child("TransformationDictionary");
  if (!dictionary) return 0;
  for (const fn of dictionary.childrenNamed("DefineFunction")) {
    const params = new Set(fn.childrenNamed("ParameterField").map((p) => p.attr("name")));
    const visit = (el: XmlElement): void => {
      el.children.forEach((child, i) => {
        if (child.name === "Constant" && child.attr("dataType") === undefined && params.has(child.text.trim())) {
          const ref = new XmlElement("FieldRef", "FieldRef", { field: child.text.trim() }, "", child.namespace);
          ref.parent = el;
          ref.position = child.position;
          el.children[i] = ref;
          count++;
        } else {
          visit(child);
        }
      });
    };
    visit(fn);
  }
  return count;
}
