#!/usr/bin/env node
/**
 * The `modeler-batch` command.
 */
import { Command, CommanderError } from "commander";
import { registerRun } from "./commands/run.js";
import { registerInspect } from "./commands/inspect.js";
import { registerClem } from "./commands/clem.js";
import { registerScore } from "./commands/score.js";
import { registerConvert } from "./commands/convert.js";
import { EXIT_USAGE } from "./exit.js";
import { VERSION } from "../version.js";

export function buildProgram(): Command {
  const program = new Command("modeler-batch")
    .description("Run IBM SPSS Modeler streams (.str and open JSON) as batch jobs")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerRun(program);
  registerInspect(program);
  registerClem(program);
  registerScore(program);
  registerConvert(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help" ? 0 : EXIT_USAGE;
    }
    throw err;
  }
  return (program.getOptionValue("exitCode") as number | undefined) ?? 0;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === new URL(`file://${(await import("node:fs")).realpathSync(process.argv[1])}`).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
