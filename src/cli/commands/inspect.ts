/** `modeler-batch inspect <stream>`: the graph as text, or as JSON for tools. */
import type { Command } from "commander";
import { inspectStream, type StreamInspection } from "../../engine/inspect.js";
import { loadStream } from "../../load/index.js";
import { defaultRegistry } from "../../nodes/registry.js";
import { describeError, errorJson, exitCodeFor, EXIT_OK } from "../exit.js";

export function registerInspect(program: Command): void {
  program
    .command("inspect")
    .description("show a stream's nodes, links, parameters, scoring branch and what the engine supports")
    .argument("<stream>", "stream file: .stream.json or .str")
    .option("--json", "print JSON (the shape other tools rely on)")
    .action(async (streamPath: string, opts: { json?: boolean }, cmd: Command) => {
      let code = EXIT_OK;
      try {
        const registry = defaultRegistry();
        const info = inspectStream(await loadStream(streamPath, { registry }), registry);
        process.stdout.write(opts.json ? JSON.stringify(info, null, 2) + "\n" : inspectionText(info));
      } catch (err) {
        if (opts.json) process.stdout.write(JSON.stringify(errorJson(err), null, 2) + "\n");
        process.stderr.write(describeError(err) + "\n");
        code = exitCodeFor(err);
      }
      cmd.parent!.setOptionValue("exitCode", code);
    });
}

function inspectionText(info: StreamInspection): string {
  const lines = [`stream "${info.name}" (${info.format}${info.modelerVersion ? `, Modeler ${info.modelerVersion}` : ""})`];
  if (info.parameters.length > 0) {
    lines.push("parameters:");
    for (const p of info.parameters) lines.push(`  ${p.name} (${p.storage}) = ${JSON.stringify(p.value)}`);
  }
  lines.push("nodes:");
  const w = Math.max(...info.nodes.map((n) => n.id.length), 2);
  for (const n of info.nodes) {
    const flags = [n.enabled ? "" : "disabled", n.supported ? "" : `UNSUPPORTED: ${n.reason}`, n.superNode ? `in ${n.superNode}` : ""].filter(Boolean).join("; ");
    lines.push(`  ${n.id.padEnd(w)}  ${n.type.padEnd(16)} ${JSON.stringify(n.name)}${flags ? `  [${flags}]` : ""}`);
  }
  lines.push("links:");
  for (const [a, b] of info.links) lines.push(`  ${a} -> ${b}`);
  if (info.scoringBranch) lines.push(`scoring branch: ${info.scoringBranch}`);
  if (info.modelBuildNode) lines.push(`model build node: ${info.modelBuildNode}`);
  if (info.script) lines.push(`script: ${info.script.language}${info.script.runByDefault ? " (runs by default)" : ""}`);
  for (const w2 of info.warnings) lines.push(`warning: ${w2}`);
  return lines.join("\n") + "\n";
}
