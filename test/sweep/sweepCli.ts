/**
 * The sweep and merge commands run in-process through yargs, registered and error-mapped as
 * the report asks main.ts to (main.ts itself is owned elsewhere; this parser mirrors it).
 */
import yargs from "yargs";
import { mergeCommand, mergeOptions, type MergeArgs } from "../../src/cli/commands/merge.js";
import { sweepCommand, sweepOptions, type SweepArgs } from "../../src/cli/commands/sweep.js";
import { UsageError, type CliIO } from "../../src/cli/io.js";
import { SparkConfigError } from "../../src/run/runScenario.js";
import { ScenarioError } from "../../src/scenario/index.js";
import { SweepError } from "../../src/sweep/index.js";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly error: unknown;
}

export async function sweepCli(cwd: string, argv: readonly string[], stderrIsTTY = false): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTTY, cwd };
  let code = 0;
  let error: unknown;
  const parser = yargs()
    .exitProcess(false)
    .strict()
    .command("sweep <input>", "sweep", (y) => sweepOptions(y), async (a) => void (code = await sweepCommand(io, a as unknown as SweepArgs)))
    .command("merge <files..>", "merge", (y) => mergeOptions(y), async (a) => void (code = await mergeCommand(io, a as unknown as MergeArgs)));
  try {
    await parser.parseAsync([...argv], {}, (err) => {
      if (err) error = err;
    });
  } catch (e) {
    error = e;
  }
  if (error !== undefined) {
    const userError = error instanceof SweepError || error instanceof UsageError || error instanceof SparkConfigError || error instanceof ScenarioError;
    code = userError || (error instanceof Error && error.name === "YError") ? 2 : 3;
    stderr += `error: ${error instanceof Error ? error.message : String(error)}\n`;
  }
  return { code, stdout, stderr, error };
}
