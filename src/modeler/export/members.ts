/**
 * The members of the `.str` being written: the original members, copied compressed and
 * untouched unless replaced, then new ones (`data/NNNN.dat`, numbered after the highest
 * existing number), and the PMML of nuggets whose model changed.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { FiElement } from "../fastinfoset/types.js";
import type { NuggetModel, Stream, StreamNode } from "../../stream/model.js";
import type { StrContainer } from "../container/str-file.js";
import type { ZipMemberInput } from "../container/zip-writer.js";
import { replaceScfContent } from "../container/scf.js";
import { StrFormatError, StrWriteError } from "../errors.js";
import { appendChild, attr, child, childText, elements, ensureChild, localName, makeElement, setAttr } from "../xml/dom.js";
import type { ImportedNodeState } from "../import/nodes.js";

export class MemberPlan {
  private readonly replaced = new Map<string, Uint8Array>();
  private readonly added: Array<{ name: string; data: Uint8Array }> = [];
  private next: number;

  constructor(private readonly container: StrContainer | undefined) {
    const numbers = (container?.entries ?? []).map((e) => /^data\/(\d+)\.dat$/.exec(e.name)?.[1]).filter((n): n is string => n !== undefined).map(Number);
    this.next = Math.max(0, ...numbers) + 1;
  }

  add(data: Uint8Array): string {
    const name = `data/${String(this.next++).padStart(4, "0")}.dat`;
    this.added.push({ name, data });
    return name;
  }

  replace(name: string, data: Uint8Array): void {
    this.replaced.set(name, data);
  }

  /** Every member but the main one, in the original order, then the new ones. */
  entries(): ZipMemberInput[] {
    const out: ZipMemberInput[] = [];
    for (const e of this.container?.entries ?? []) {
      if (e === this.container!.main) continue;
      const replacement = this.replaced.get(e.name);
      out.push(replacement ? { name: e.name, data: replacement, dosTime: e.dosTime, dosDate: e.dosDate } : { name: e.name, raw: this.container!.raw(e), dosTime: e.dosTime, dosDate: e.dosDate });
    }
    return [...out, ...this.added];
  }
}

export function modelText(model: NuggetModel, stream: Stream, node: StreamNode): string {
  if ("pmmlText" in model) return model.pmmlText;
  const path = resolve(stream.baseDir ?? ".", model.pmml);
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    throw new StrWriteError(`node "${node.id}": its model file "${path}" cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { node: node.id, path });
  }
}

/**
 * Writes a nugget's changed model. Classic nuggets keep plain PMML in the member named by
 * `model@pmml`, which is replaced (or created). CF nuggets (`CFApplyModelNode`) keep it in the
 * SCF member of their `container` named PMML, whose PMML record is replaced; their other
 * containers (StatXML: the tables of Modeler's model viewer) still describe the previous model,
 * which a warning says. Extension nuggets' containers (length-prefixed ZIP) are not written.
 */
export function writeNuggetModel(node: StreamNode, element: FiElement, stream: Stream, before: ImportedNodeState | undefined, plan: MemberPlan, container: StrContainer | undefined, warnings: string[]): void {
  if (before?.model !== undefined && node.model === before.model) return;
  const text = modelText(node.model!, stream, node);
  if (before?.model !== undefined && "pmmlText" in before.model && safeText(before.model) === text) return;
  const data = new Uint8Array(Buffer.from(text, "utf8"));
  const modelEl = child(child(element, "properties"), "model");
  const member = modelEl?.attributes.find((a) => a.name.localName === "pmml")?.value;
  if (member && container?.has(member)) {
    const info = container.classify(member);
    if (info.kind !== "xml" || info.xmlRoot !== "PMML") throw new StrWriteError(`node "${node.id}": its model member "${member}" is not plain PMML; a changed model cannot be written into it`, { node: node.id, member });
    plan.replace(member, data);
    return;
  }
  const cf = pmmlContainerMember(element);
  if (before?.model !== undefined && cf !== undefined && container?.has(cf) && container.classify(cf).kind === "scf") {
    try {
      plan.replace(cf, replaceScfContent(container.read(cf), cf, container.budget, data));
    } catch (err) {
      if (err instanceof StrFormatError) throw new StrWriteError(`node "${node.id}" (${node.modeler?.modelerClass}): its changed model cannot be written: ${err.message}`, { node: node.id, member: cf });
      throw err;
    }
    const others = elements(element).filter((c) => localName(c) === "container" && childText(c, "containerName") !== "PMML").map((c) => childText(c, "containerName") ?? "?");
    if (others.length > 0) {
      warnings.push(`node "${node.id}" (${node.modeler?.modelerClass}): its new model is written into its PMML container; its ${others.join(", ")} container(s) still describe the previous model (Modeler's model viewer would show that model's tables)`);
    }
    return;
  }
  if (before?.model !== undefined) {
    throw new StrWriteError(`node "${node.id}" (${node.modeler?.modelerClass}): its model is held in an extension container (length-prefixed ZIP or PMML) or an SCF layout not written; writing a changed model there is not supported`, { node: node.id });
  }
  const name = plan.add(data);
  const props = ensureChild(element, "properties");
  const target = modelEl ?? makeElement("model");
  setAttr(target, "pmml", name);
  if (!modelEl) appendChild(props, target);
}

/** The member of a CF nugget's `<container>` named PMML. */
function pmmlContainerMember(element: FiElement): string | undefined {
  const c = elements(element).find((e) => localName(e) === "container" && childText(e, "containerName") === "PMML");
  return c ? attr(c, "containerData") : undefined;
}

function safeText(model: { readonly pmmlText: string }): string | undefined {
  try {
    return model.pmmlText;
  } catch {
    return undefined;
  }
}
