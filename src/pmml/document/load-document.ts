/**
 * PMML text → compiled top-level model: the document checks (root, namespace, version), the
 * DataDictionary, the TransformationDictionary's functions, the choice of model, and the compile.
 */
import { invalid, PmmlError, unsupported } from "../errors.js";
import { checkUserFunction } from "../expressions/apply.js";
import { compileExpression } from "../expressions/compile-expression.js";
import { newContext, type CompileContext } from "../expressions/context.js";
import { readDataDictionary, type DataFieldDef } from "../fields/data-field.js";
import { compileModel, isModelElement } from "../models/compile-model.js";
import type { CompiledModel } from "../models/model.js";
import "../models/register-models.js";
import { isPmmlNamespace, parseXml } from "../xml/parse-xml.js";
import { checkChildren, requiredAttr, requiredChild } from "../xml/read.js";
import { XmlElement } from "../xml/xml-element.js";
import { applyQuirkFixes, type QuirkFix } from "./quirks.js";

export interface LoadOptions {
  /** Score the model with this modelName when the document holds several models (default: the first). */
  readonly modelName?: string;
  /** Apply the documented fixes for known producer bugs (default true). */
  readonly fixProducerQuirks?: boolean;
  /**
   * Output fields to add to the model as if its Output declared them (e.g. the probability of
   * each class, or a tree's node id, from a document that declares no Output).
   */
  readonly extraOutputs?: readonly ExtraOutput[];
}

export interface ExtraOutput {
  readonly name: string;
  /** OutputField@feature (predictedValue, probability, entityId, confidence, …). */
  readonly feature: string;
  readonly value?: string;
  readonly targetField?: string;
  readonly rank?: number;
  readonly dataType?: string;
}

export interface LoadedDocument {
  readonly version: string;
  readonly namespace: string;
  readonly application?: { readonly name: string; readonly version?: string };
  readonly model: CompiledModel;
  readonly dataFields: ReadonlyMap<string, DataFieldDef>;
  readonly modelElement: XmlElement;
  readonly ctx: CompileContext;
  readonly quirkFixes: readonly QuirkFix[];
}

const DOCUMENT_CHILDREN = ["Header", "MiningBuildTask", "DataDictionary", "TransformationDictionary"];

export function loadDocument(text: string, options: LoadOptions = {}): LoadedDocument {
  const { root } = parseXml(text);
  if (root.localName !== "PMML") throw new PmmlError("PMML_PARSE", `not a PMML document: the root element is <${root.name}>`);
  if (root.namespace !== "" && !isPmmlNamespace(root.namespace)) {
    throw new PmmlError("PMML_UNSUPPORTED", `unknown PMML namespace ${root.namespace}`, { namespace: root.namespace });
  }
  const version = requiredAttr(root, "version");
  checkVersion(version, root);
  const quirkFixes = options.fixProducerQuirks === false ? [] : applyQuirkFixes(root);

  for (const c of root.children) {
    if (c.name === "Extension" || DOCUMENT_CHILDREN.includes(c.name) || isModelElement(c)) continue;
    throw unsupported(`element ${c.name}`, c.path);
  }
  const dataFields = readDataDictionary(requiredChild(root, "DataDictionary"));
  const dictionary = root.child("TransformationDictionary");
  const userFunctions = new Map<string, XmlElement>();
  if (dictionary) {
    checkChildren(dictionary, ["DerivedField", "DefineFunction"]);
    for (const fn of dictionary.childrenNamed("DefineFunction")) userFunctions.set(requiredAttr(fn, "name"), fn);
  }
  const ctx = newContext(userFunctions, version);
  for (const fn of userFunctions.values()) checkUserFunction(fn, ctx, compileExpression);

  const models = root.children.filter(isModelElement);
  if (models.length === 0) throw invalid("the document holds no model", root.path);
  let modelElement = models[0]!;
  if (options.modelName !== undefined) {
    const named = models.find((m) => m.attr("modelName") === options.modelName);
    if (!named) throw invalid(`no model is named "${options.modelName}"`, root.path);
    modelElement = named;
  }
  if (options.extraOutputs && options.extraOutputs.length > 0) addOutputFields(modelElement, options.extraOutputs);
  const model = compileModel(modelElement, null, ctx, { dataFields, transformationDictionary: dictionary });
  const app = root.child("Header")?.child("Application");
  return {
    version,
    namespace: root.namespace,
    application: app ? { name: app.attr("name") ?? "", version: app.attr("version") } : undefined,
    model,
    dataFields,
    modelElement,
    ctx,
    quirkFixes,
  };
}

function addOutputFields(model: XmlElement, extra: readonly ExtraOutput[]): void {
  let output = model.child("Output");
  if (!output) {
    output = new XmlElement("Output", "Output", {}, "", model.namespace);
    output.parent = model;
    // Output must precede the model's content for a valid document; its place does not matter here.
    model.children.push(output);
  }
  for (const e of extra) {
    const attrs: Record<string, string> = { name: e.name, feature: e.feature };
    if (e.value !== undefined) attrs.value = e.value;
    if (e.targetField !== undefined) attrs.targetField = e.targetField;
    if (e.rank !== undefined) attrs.rank = String(e.rank);
    if (e.dataType !== undefined) attrs.dataType = e.dataType;
    const field = new XmlElement("OutputField", "OutputField", attrs, "", model.namespace);
    field.parent = output;
    field.position = output.children.filter((c) => c.name === "OutputField").length + 1;
    output.children.push(field);
  }
}

/** PMML 3.0 to 4.4 (and 4.4.x). RapidMiner writes 3.2 and 4.0 in the 3.1 namespace: accepted. */
function checkVersion(version: string, root: XmlElement): void {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(version.trim());
  if (!m) throw invalid(`PMML@version="${version}" is not a version number`, root.path);
  const major = Number(m[1]);
  const minor = Number(m[2]);
  if (major < 3 || major > 4 || (major === 4 && minor > 4)) {
    throw new PmmlError("PMML_UNSUPPORTED", `PMML version ${version} is not supported (3.0 to 4.4 are)`, { version });
  }
}
