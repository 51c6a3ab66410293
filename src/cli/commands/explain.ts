import { explainExecutor, explainTarget, knownExecutorIds, safeParseInstant, formatClock, type ExecutorExplanation, type TargetExplanation } from "../../explain/index.js";
import { parseConfArgs, UsageError, type CliIO } from "../io.js";
import { loadWorkload } from "./loadWorkload.js";
import { explainOptions, type ExplainArgs } from "./explainOptions.js";
import { defineCommand } from "../command.js";

export { explainOptions } from "./explainOptions.js";

/** `dra-sim explain`: simulates the input with the model trace on, then explains the executors and the target asked for. */
export async function explainCommand(io: CliIO, args: ExplainArgs): Promise<number> {
  // --executor may be repeated: each executor is explained, in the order given.
  const executors = args.executor ?? [];
  let atMs: number | undefined;
  if (args.at !== undefined) {
    const at = safeParseInstant(args.at);
    if (!at.success) throw new UsageError(`--at ${args.at}: ${at.error.message}`);
    atMs = at.data;
  }
  const overrides = parseConfArgs(args.conf);
  const { scenario, notes } = await loadWorkload(io, args);
  // The engine loads once there is a workload to run (start-up: README "Performance").
  const { runScenario } = await import("../../run/runScenario.js");
  const { result } = runScenario(scenario, overrides, { recordTrace: true, recordTasks: true });
  const endMs = result.timeline.lastTime() ?? 0;
  if (atMs !== undefined && atMs > endMs) throw new UsageError(`--at ${args.at}: after the end of the run (${formatClock(endMs)}, ${endMs} ms)`);

  const out: Array<ExecutorExplanation | TargetExplanation> = [];
  for (const id of executors) {
    const e = explainExecutor(result, id, atMs);
    if (e === undefined) {
      const ids = knownExecutorIds(result);
      throw new UsageError(`--executor ${id}: no such executor in this run (executors ${ids.length === 0 ? "none" : `${ids[0]} to ${ids[ids.length - 1]}`})`);
    }
    out.push(e);
  }
  // The options' check makes --target come with --at.
  if (args.target && atMs !== undefined) out.push(explainTarget(result, atMs));

  if (args.json) {
    io.stdout(JSON.stringify({ scenario: result.scenarioName, seed: result.seed, sparkVersion: result.sparkVersion, simulatorVersion: result.simulatorVersion, explanations: out }, null, 2) + "\n");
  } else {
    for (const n of notes) io.stderr(n + "\n");
    io.stdout(out.map((e) => e.lines.join("\n")).join("\n\n") + "\n");
  }
  return 0;
}

export const command = defineCommand(explainOptions, explainCommand);
