import { parseConf } from "../../sim/conf/parseConf.js";
import type { SparkConf } from "../../sim/conf/SparkConf.js";
import { parseSparkVersion } from "../../sim/conf/SparkVersion.js";
import type { DurationSpec, ExecutorLossSpec, JobSpec, Scenario, StageSpec, UnpersistSpec } from "../../sim/scenario/Scenario.js";
import { simulate, type SimulateOptions } from "../../sim/spark/SparkApplication.js";
import type { SimulationResult } from "../../sim/result/SimulationResult.js";
import { COL } from "../../sim/result/Timeline.js";
import type { SimEvent } from "../../sim/result/SimEvent.js";

/** Dynamic allocation with shuffle tracking on, plus `extra`: the raw conf most tests start from. */
export function draConf(extra: Record<string, string> = {}): Record<string, string> {
  return {
    "spark.dynamicAllocation.enabled": "true",
    "spark.dynamicAllocation.shuffleTracking.enabled": "true",
    ...extra,
  };
}

/** `raw` read as Spark `version` would: throws on a bad version or an invalid conf. */
export function sparkConf(raw: Record<string, string>, version = "3.5"): SparkConf {
  const v = parseSparkVersion(version);
  return parseConf(raw, v).conf;
}

/** Like Spark's suite `createConf`: dynamic allocation on, shuffle tracking on, 1 core. */
export function createConf(overrides: Record<string, string> = {}, version = "3.5"): SparkConf {
  return sparkConf(draConf(overrides), version);
}

export function stage(id: number, tasks: number, taskDurationMs: DurationSpec, opts: Partial<Omit<StageSpec, "id" | "tasks" | "taskDurationMs">> = {}): StageSpec {
  return { id, tasks, taskDurationMs, parents: [], ...opts };
}

export function job(stages: StageSpec[], opts: Omit<JobSpec, "stages"> = {}): JobSpec {
  return { ...opts, stages };
}

export function scenario(p: {
  jobs: JobSpec[];
  conf?: Record<string, string>;
  startupMs?: DurationSpec;
  unpersist?: UnpersistSpec[];
  seed?: number;
  sparkVersion?: string;
  executorLosses?: ExecutorLossSpec[];
}): Scenario {
  return {
    name: "test",
    seed: p.seed ?? 1,
    sparkVersion: p.sparkVersion ?? "3.5",
    conf: p.conf ?? {},
    cluster: p.executorLosses === undefined ? { executorStartupMs: p.startupMs ?? 0 } : { executorStartupMs: p.startupMs ?? 0, executorLosses: p.executorLosses },
    workload: { jobs: p.jobs, unpersist: p.unpersist ?? [] },
  };
}

export function run(s: Scenario, conf: SparkConf = createConf(s.conf as Record<string, string>, s.sparkVersion), options: SimulateOptions = {}): SimulationResult {
  return simulate(s, conf, options);
}

/** Value of a timeline column in effect at time t (after all events at t). */
export function columnAt(result: SimulationResult, column: keyof typeof COL, t: number): number {
  const tl = result.timeline;
  let value = NaN;
  for (let i = 0; i < tl.length && tl.get(i, COL.time_ms) <= t; i++) value = tl.get(i, COL[column]);
  return value;
}

export function eventsOf<T extends SimEvent["type"]>(result: SimulationResult, type: T): Array<Extract<SimEvent, { type: T }>> {
  return result.events.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);
}

/** [timeMs, target] for every target change. */
export function targetChanges(result: SimulationResult): Array<[number, number]> {
  return eventsOf(result, "targetChanged").map((e) => [e.timeMs, e.target]);
}

export function removals(result: SimulationResult): Array<[number, string, string]> {
  return eventsOf(result, "executorRemoved").map((e) => [e.timeMs, e.executorId, e.reason]);
}

/** Removals by a timeout (not by the application's end): [timeMs, executorId, reason]. */
export function timeoutRemovals(result: SimulationResult): Array<[number, string, string]> {
  return removals(result).filter(([, , reason]) => reason !== "application-end" && reason !== "executor-lost");
}
