/**
 * Which terminal nodes each action runs (docs/jobs.md, seed-api.md "Actions").
 */
import { ModelerBatchError } from "../../errors.js";
import { isTerminalNode, selectTerminals } from "../../engine/plan.js";
import type { NodeRegistry } from "../../nodes/registry.js";
import { StreamGraph } from "../../stream/graph.js";
import type { Stream } from "../../stream/model.js";
import type { JobAction, JobDefinition } from "../definition/types.js";

export class JobActionError extends ModelerBatchError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super("JOB_ACTION", message, details);
  }
}

/**
 * BATCH_SCORE: the scoring branch; without one, the terminals the job exports to.
 * RUN_STREAM: every enabled terminal in the stream's terminal order — a stream whose script
 * runs by default cannot be run that way (we do not execute Jython), and says so.
 */
export function terminalsForAction(action: JobAction, stream: Stream, job: JobDefinition | undefined, registry: NodeRegistry): string[] {
  const graph = new StreamGraph(stream);
  switch (action) {
    case "BATCH_SCORE": {
      if (stream.scoringBranch) return [stream.scoringBranch];
      const exported = (job?.setting.exports ?? []).map((e) => e.node);
      if (exported.length === 0) {
        throw new JobActionError("BATCH_SCORE needs a scoring branch: the stream has no terminal flagged \"Use as Scoring Branch\" and the job exports to no terminal; add an exports[] entry naming the terminal to score into", { action });
      }
      // After applyJob the exported terminals are database exports with the same ids.
      return selectTerminals(stream, registry, exported);
    }
    case "RUN_STREAM": {
      const script = stream.script;
      if (script && script.text.trim() !== "" && script.runByDefault) {
        throw new JobActionError(
          `RUN_STREAM: stream "${stream.name}" runs its ${script.language} script by default, and modeler-batch does not execute stream scripts; run its terminal nodes instead (modeler-batch run --node <terminal>) or turn the script's default execution off`,
          { action, scriptLanguage: script.language },
        );
      }
      return selectTerminals(stream, registry);
    }
    case "TRAINING":
    case "AUTO_REFRESH": {
      const builders = stream.nodes.filter((n) => n.enabled && registry.get(n.type)?.palette === "modeling" && isTerminalNode(n, registry, graph)).map((n) => n.id);
      if (builders.length === 0) throw new JobActionError(`${action}: stream "${stream.name}" has no model building node`, { action });
      return builders;
    }
    case "EVALUATION":
      // Documents in every report format (JPG, PNG, RTF, SAV, XML) and the graph/output
      // palette beyond Table come with the reports work; until then the action says so
      // rather than produce a partial zip.
      throw new JobActionError("EVALUATION is not available yet in this version: it needs the report formats (HTML, JPG, PNG, RTF, SAV, TAB, XML) of the output and graph nodes; run the stream's output nodes with `modeler-batch run --node <id> --out <dir>` for HTML or TAB documents", { action });
  }
}
