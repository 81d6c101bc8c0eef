/**
 * `modeler-batch convert <in> <out>`: between Modeler `.str` and the open `.stream.json`
 * format, either way (and `.str` → `.str`, which rewrites the file). The output format
 * follows the output file's extension.
 */
import type { Command } from "commander";
import { writeFile } from "node:fs/promises";
import { loadStream } from "../../load/index.js";
import { writeStr } from "../../modeler/export/index.js";
import { streamForJson } from "../../modeler/export/json-ready.js";
import { defaultRegistry } from "../../nodes/registry.js";
import { writeStreamJson } from "../../stream/json-format.js";
import { UsageError } from "../../errors.js";
import { describeError, errorJson, exitCodeFor, EXIT_OK } from "../exit.js";

export function registerConvert(program: Command): void {
  program
    .command("convert")
    .description("convert a stream between Modeler .str and the open .stream.json format")
    .argument("<in>", "stream file to read: .str or .stream.json")
    .argument("<out>", "file to write: .str, or .json / .stream.json")
    .option("--json", "print the result as JSON")
    .action(async (input: string, output: string, opts: { json?: boolean }, cmd: Command) => {
      let code = EXIT_OK;
      try {
        const notes = await convert(input, output);
        if (opts.json) process.stdout.write(JSON.stringify({ ok: true, output, notes }, null, 2) + "\n");
        else for (const n of notes) process.stderr.write(`note: ${n}\n`);
      } catch (err) {
        if (opts.json) process.stdout.write(JSON.stringify(errorJson(err), null, 2) + "\n");
        process.stderr.write(describeError(err) + "\n");
        code = exitCodeFor(err);
      }
      cmd.parent!.setOptionValue("exitCode", code);
    });
}

async function convert(input: string, output: string): Promise<string[]> {
  const registry = defaultRegistry();
  const stream = await loadStream(input, { registry });
  if (/\.str$/i.test(output)) {
    const written = writeStr(stream, { registry });
    await writeFile(output, written.bytes);
    return [...written.warnings];
  }
  if (/\.json$/i.test(output)) {
    const { stream: ready, notes } = streamForJson(stream, registry);
    await writeFile(output, writeStreamJson(ready));
    return notes;
  }
  throw new UsageError(`cannot tell the output format from "${output}": name it .str or .stream.json`, { output });
}
