import { runScenario } from "../../run/runScenario.js";
import { explainExecutor, explainTarget, knownExecutorIds, parseInstant, formatClock, type ExecutorExplanation, type TargetExplanation } from "../../explain/index.js";
import { parseConfArgs, UsageError, type CliIO } from "../io.js";
import { loadWorkload } from "./sweep.js";
import type { ExplainArgs } from "./explainOptions.js";

export { explainOptions } from "./explainOptions.js";

/** `dra-sim explain`: simulates the input with the model trace on, then explains the executors and the target asked for. */
export async function explainCommand(io: CliIO, args: ExplainArgs): Promise<number> {
  const executors = args.executor === undefined ? [] : typeof args.executor === "string" ? [args.executor] : args.executor.map(String);
  if (executors.length === 0 && !args.target) throw new UsageError("give --executor ID and/or --target --at TIME (e.g. dra-sim explain scenarios/seed-trip-count.yaml --executor 7 --at 2min)");
  let atMs: number | undefined;
  if (Array.isArray(args.at)) throw new UsageError("--at given more than once: explain one instant per run of the command");
  if (args.at !== undefined) {
    const at = parseInstant(args.at);
    if ("error" in at) throw new UsageError(`--at ${args.at}: ${at.error}`);
    atMs = at.ms;
  }
  if (args.target && atMs === undefined) throw new UsageError("--target needs --at TIME: the instant whose target to explain");
  const overrides = parseConfArgs(args.conf);
  const { scenario, notes } = await loadWorkload(io, args);
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
  if (args.target) out.push(explainTarget(result, atMs!));

  if (args.json) {
    io.stdout(JSON.stringify({ scenario: result.scenarioName, seed: result.seed, sparkVersion: result.sparkVersion, simulatorVersion: result.simulatorVersion, explanations: out }, null, 2) + "\n");
  } else {
    for (const n of notes) io.stderr(n + "\n");
    io.stdout(out.map((e) => e.lines.join("\n")).join("\n\n") + "\n");
  }
  return 0;
}
