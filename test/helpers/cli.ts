import { main, type CliIO } from "../../src/cli/main.js";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with captured output, as `dra-sim ...` would from `cwd`. */
export async function dra(cwd: string, ...argv: string[]): Promise<CliRun> {
  return draWith(cwd, argv, false);
}

/** `dra`, with stderr a terminal or not (the sweep's progress bar). */
export async function draWith(cwd: string, argv: readonly string[], stderrIsTTY: boolean): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stderrIsTTY,
    cwd,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
