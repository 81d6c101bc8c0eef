/**
 * `modeler-batch score <model.pmml> <input.csv> [--output out.csv]`: scores every input row
 * through a PMML model, writing one row per input row with the predicted target(s) under
 * the target's name and every output field under its name. Empty cells, `NA` and `N/A` are
 * missing values.
 */
import type { Command } from "commander";
import { readFile, rename, writeFile } from "node:fs/promises";
import { scoreCsv } from "../../pmml/index.js";
import { UsageError } from "../../errors.js";
import { describeError, exitCodeFor, EXIT_OK } from "../exit.js";
import { collect } from "../options.js";

interface ScoreOptions {
  output?: string;
  separator: string;
  keep: string[];
}

export function registerScore(program: Command): void {
  program
    .command("score")
    .description("score a CSV file through a PMML model")
    .argument("<model>", "PMML file (3.0 to 4.4)")
    .argument("<input>", "CSV file with a header row")
    .option("--output <file>", "write the scores here instead of standard output")
    .option("--separator <char>", "field separator of input and output", ",")
    .option("--keep <column>", "copy this input column in front of the scores (repeatable)", collect, [])
    .action(async (modelPath: string, inputPath: string, opts: ScoreOptions, cmd: Command) => {
      let code = EXIT_OK;
      try {
        const [model, input] = await Promise.all([readText(modelPath, "model"), readText(inputPath, "input")]);
        const out = scoreCsv(model, input, { separator: opts.separator, keepColumns: opts.keep });
        if (opts.output) {
          // Written beside the target and renamed over it: a failed run never leaves half a file.
          await writeFile(`${opts.output}.part`, out);
          await rename(`${opts.output}.part`, opts.output);
        } else process.stdout.write(out);
      } catch (err) {
        process.stderr.write(describeError(err) + "\n");
        code = exitCodeFor(err);
      }
      cmd.parent!.setOptionValue("exitCode", code);
    });
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read ${what} file "${path}": ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { path });
  }
}
