/**
 * Where a nugget's PMML comes from: `node.model` holds it inline (`{ pmmlText }`: a model just
 * trained, or read lazily from a `.str` member) or names a file (`{ pmml: "models/drug.xml" }`),
 * found like any file a node reads (relative to the stream's folder, then under the run's file
 * roots; `ctx.resolveInputFile`).
 */
import { readFile } from "node:fs/promises";
import type { NodeContext } from "../../definition.js";
import { NuggetModelError } from "../../modeling/common/errors.js";

export async function nuggetPmmlText(ctx: NodeContext): Promise<string> {
  const node = ctx.node;
  const model = node.model;
  if (!model) {
    throw new NuggetModelError(`node "${node.name ?? node.id}" (id ${node.id}, ${node.type}) has no model: give it the PMML to score (model: {"pmmlText": …} or {"pmml": "<file>"}), or run its builder first`, { node: node.id, nodeType: node.type });
  }
  if ("pmmlText" in model) {
    const text = model.pmmlText;
    if (typeof text !== "string" || text.trim() === "") {
      throw new NuggetModelError(`node "${node.name ?? node.id}" (id ${node.id}, ${node.type}) has an empty model`, { node: node.id, nodeType: node.type });
    }
    return text;
  }
  const path = await ctx.resolveInputFile(model.pmml, "model");
  return readFile(path, "utf8");
}
