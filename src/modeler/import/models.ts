/**
 * Model builders and nuggets.
 *
 * Builders no mapping reads (their settings are not mapped, so they load under their class
 * name and cannot run): the target and inputs, for `inspect`. Classic builders keep them in
 * `<properties>` (`autoModelFieldSelection`, `modelTargetFieldSelection`,
 * `modelInputFieldSelection`); `CFBuildModelNode` of an extension no type declares (XGBoost,
 * scikit-learn's SVM, …) in the `Parameters` member named by `node@properties`
 * (`<ext>.TargetField`, `<ext>.InputFieldList` / `InputFields`); `ExtensionBuildModelNode` in
 * underscore properties (`_target`, `_inputs`). The extension builders a type declares
 * (`modelerExtensions`) are read whole by that type's mapping instead (nodes.ts).
 *
 * Nuggets: the builder (`builderNodeId`) and the PMML, from whichever member holds it:
 * `model@pmml` (classic), the `container` named PMML (CF, SCF inside), `content@content`
 * (extensions, length-prefixed PMML or ZIP), any other container as a last resort.
 */
import type { FiElement } from "../fastinfoset/types.js";
import type { StrContainer } from "../container/str-file.js";
import { attr, child, childText, elements, localName, text } from "../xml/dom.js";
import { StrFormatError } from "../errors.js";
import { readParameters } from "./parameters.js";

export interface BuilderSettings {
  custom_fields?: boolean;
  target?: string;
  targets?: string[];
  inputs?: string[];
}

function fieldList(el: FiElement | undefined): string[] | undefined {
  if (!el) return undefined;
  return elements(el).filter((e) => localName(e) === "field").map((e) => text(e));
}

export function builderSettings(node: FiElement, cls: string, container: StrContainer, warn: (m: string) => void): BuilderSettings {
  const props = child(node, "properties");
  const out: BuilderSettings = {};
  const auto = childText(props, "autoModelFieldSelection");
  if (auto === "true" || auto === "false") out.custom_fields = auto === "false";
  if (cls === "CFBuildModelNode") {
    const member = attr(node, "properties");
    if (member && container.has(member)) Object.assign(out, parameterFields(member, container, warn));
    return out;
  }
  const target = childText(props, cls === "ExtensionBuildModelNode" ? "_target" : "modelTargetFieldSelection");
  const inputs = fieldList(child(props, cls === "ExtensionBuildModelNode" ? "_inputs" : "modelInputFieldSelection"));
  if (target) out.target = target;
  if (inputs && inputs.length > 0) out.inputs = inputs;
  return out;
}

/** Generic prefixes of the Parameters member that are not the algorithm's own. */
const GENERIC = new Set(["psm_distribute", "split_collect", "boosting", "me", "bag_distribute", "outerpartition", "adp", "scoring", "transformation"]);

/**
 * Target and inputs of an extension builder no type reads (XGBoost, SVM of scikit-learn, …),
 * for `inspect`: `<algorithm>.TargetField` and `.InputFieldList` / `.InputFields`.
 */
function parameterFields(member: string, container: StrContainer, warn: (m: string) => void): BuilderSettings {
  const params = readParameters(member, container);
  if ("problem" in params) {
    warn(params.problem);
    return {};
  }
  const out: BuilderSettings = {};
  for (const p of elements(params.root)) {
    const name = attr(p, "name") ?? "";
    const m = /^([A-Za-z_]+)\.(TargetField|InputFieldList|InputFields)$/.exec(name);
    if (!m || GENERIC.has(m[1]!)) continue;
    const values = (params.list(name) ?? []).filter((v) => v !== "");
    if (m[2] === "TargetField") {
      if (values.length === 1) out.target = values[0]!;
      else if (values.length > 1) out.targets = values;
    } else if (values.length > 0) out.inputs = values;
  }
  return out;
}

/** Member names that may hold a nugget's model, best first. */
export function modelMembers(node: FiElement): string[] {
  const out: string[] = [];
  const push = (v: string | undefined) => {
    if (v && !out.includes(v)) out.push(v);
  };
  push(attr(child(child(node, "properties"), "model"), "pmml"));
  const containers = elements(node).filter((e) => localName(e) === "container");
  for (const c of containers) if (childText(c, "containerName") === "PMML") push(attr(c, "containerData"));
  const contents = child(node, "contentContainers");
  if (contents) for (const e of descendants(contents)) if (localName(e) === "content") push(attr(e, "content"));
  for (const c of containers) push(attr(c, "containerData"));
  return out;
}

function descendants(el: FiElement): FiElement[] {
  const out: FiElement[] = [];
  const stack = [el];
  while (stack.length > 0) {
    const e = stack.pop()!;
    for (const c of elements(e)) {
      out.push(c);
      stack.push(c);
    }
  }
  return out;
}

/**
 * A nugget's model, read when first used: its PMML can be tens of megabytes (a KNN nugget of
 * the corpus holds 65 MB), and most loads (inspect, convert, runs that do not score) never
 * need it. The first read looks through the candidate members in order and keeps the text;
 * a nugget whose members hold no PMML (pickled Python models, for instance) throws a
 * `StrFormatError` saying so, when its model is asked for.
 */
export function lazyNuggetModel(node: FiElement, describe: string, container: StrContainer, warn: (m: string) => void): { readonly pmmlText: string } | undefined {
  const members: string[] = [];
  for (const member of modelMembers(node)) {
    if (container.has(member)) members.push(member);
    else warn(`its model member "${member}" is missing from the archive`);
  }
  if (members.length === 0) return undefined;
  let text: string | undefined;
  const model = {};
  Object.defineProperty(model, "pmmlText", {
    enumerable: true,
    get(): string {
      if (text !== undefined) return text;
      for (const member of members) {
        const found = container.pmml(member);
        if (found !== undefined) return (text = found);
      }
      throw new StrFormatError(`${describe}: its model members (${members.join(", ")}) hold no PMML; the model is stored in a form modeler-batch does not read`, { members });
    },
  });
  return model as { readonly pmmlText: string };
}
