/** The sweep and merge commands, run in-process through the real CLI (`main`). */
import { draWith, type CliRun as MainRun } from "../helpers/cli.js";

export interface CliRun extends MainRun {
  /** Set when the command failed: its stderr message (exit codes 2 and 3). */
  readonly error: string | undefined;
}

export async function sweepCli(cwd: string, argv: readonly string[], stderrIsTTY = false): Promise<CliRun> {
  const r = await draWith(cwd, argv, stderrIsTTY);
  return { ...r, error: r.code === 0 || r.code === 1 ? undefined : r.stderr };
}
