/**
 * Small builders for hand-written PMML documents in the unit tests.
 */
import { loadPmml, type PmmlLoadOptions, type Value } from "../../src/pmml/index.js";

export type FieldSpec = [name: string, dataType: string, optype?: string, extra?: string];

export function dataDictionary(fields: FieldSpec[]): string {
  const defs = fields.map(([name, dataType, optype, extra]) => {
    const op = optype ?? (dataType === "string" || dataType === "boolean" ? "categorical" : "continuous");
    return `<DataField name="${name}" optype="${op}" dataType="${dataType}">${extra ?? ""}</DataField>`;
  });
  return `<DataDictionary>${defs.join("")}</DataDictionary>`;
}

/** A whole document around `body` (the model element and, optionally, a TransformationDictionary). */
export function pmml(fields: FieldSpec[], body: string, version = "4.4"): string {
  const ns = `http://www.dmg.org/PMML-${version.replace(/\./g, "_").slice(0, 3)}`;
  return `<?xml version="1.0"?><PMML xmlns="${ns}" version="${version}"><Header/>${dataDictionary(fields)}${body}</PMML>`;
}

export function miningSchema(active: string[], targets: string[] = [], extra = ""): string {
  return `<MiningSchema>${active.map((n) => `<MiningField name="${n}"/>`).join("")}${targets.map((n) => `<MiningField name="${n}" usageType="target"/>`).join("")}${extra}</MiningSchema>`;
}

/**
 * Evaluates one expression (as an OutputField transformedValue of a trivial regression model,
 * with `functions` as DefineFunctions) on a record.
 */
export function evaluate(expressionXml: string, fields: FieldSpec[], record: Record<string, unknown> = {}, functions = "", outputType?: string): Value {
  const dictionary = functions ? `<TransformationDictionary>${functions}</TransformationDictionary>` : "";
  const type = outputType ? ` dataType="${outputType}"` : "";
  const body = `${dictionary}<RegressionModel functionName="regression">${miningSchema(
    fields.map((f) => f[0]),
    ["__y"],
  )}<Output><OutputField name="out" feature="transformedValue"${type}>${expressionXml}</OutputField></Output><RegressionTable intercept="0"/></RegressionModel>`;
  return loadPmml(pmml([...fields, ["__y", "double"]], body)).score(record)["out"]!;
}

/** Scores records with a document, returning the named result field per record. */
export function scoreAll(text: string, records: Record<string, unknown>[], field: string, options: PmmlLoadOptions = {}): Value[] {
  const m = loadPmml(text, options);
  return records.map((r) => m.score(r)[field]!);
}

export const apply = (fn: string, ...args: string[]): string => `<Apply function="${fn}">${args.join("")}</Apply>`;
export const ref = (field: string): string => `<FieldRef field="${field}"/>`;
export const num = (v: number | string, dataType = "double"): string => `<Constant dataType="${dataType}">${v}</Constant>`;
export const str = (v: string): string => `<Constant dataType="string">${v}</Constant>`;
