import { COL, type Scenario, type SimulateOptions } from "../../sim/index.js";
import type { EventLogReadReport, ObservedExecutors, ReadSparkEventsOptions } from "../eventlog/index.js";
import type { RunOutput } from "../run/runScenario.js";
import type { ExtractionNotes } from "./ExtractionNotes.js";
import { type ExtractOptions, type ReadingHooks, extractWorkload } from "./extractWorkload.js";
import { type ModelError, type StepSeries, modelError } from "./modelError.js";

export interface ReplayOptions extends ExtractOptions, ReadingHooks {
  /** Spark properties for the "with changes" run (the baseline always uses the logged conf). */
  readonly confOverrides?: Readonly<Record<string, string>>;
  /** How the log is read (e.g. `zipEntry`, the log to read in a zip holding several). */
  readonly read?: ReadSparkEventsOptions;
  /** Engine options for the simulated runs (the HTML report asks for the model trace). */
  readonly simulate?: SimulateOptions;
  /**
   * Called once the log is read and its workload extracted, before the engine runs (the CLI
   * collects the reading's garbage there, so the simulation's heap does not grow on top of it).
   */
  readonly afterExtraction?: () => void;
}

export interface ReplayResult {
  readonly eventLog: string;
  readonly scenario: Scenario;
  readonly notes: ExtractionNotes;
  readonly report: EventLogReadReport;
  readonly observed: ObservedExecutors;
  /** The logged workload simulated with the logged conf. */
  readonly baseline: RunOutput;
  /** The overrides the "with changes" run used ({} when none). */
  readonly changes: Readonly<Record<string, string>>;
  /** The same with `confOverrides` applied; only when overrides were given. */
  readonly changed?: RunOutput;
  /** Baseline against observed: how much to trust the difference between baseline and changed. */
  readonly modelError: ModelError;
}

/**
 * The simulated count of executors the driver knows as a step series ending at the simulated
 * run's end: what a log records between ExecutorAdded and ExecutorRemoved. A killed executor
 * still stopping counts on YARN and generic (the driver keeps it until ExecutorRemoved), not
 * on Kubernetes (removed at the kill).
 */
export function simulatedSeries(run: RunOutput): StepSeries {
  const tl = run.result.timeline;
  if (tl.sums !== undefined) throw new Error("internal: simulatedSeries of a run that did not keep its timeline rows (keepTimelineRows false)");
  const stoppingCounts = run.result.scenario.cluster.manager !== "kubernetes";
  const points: { timeMs: number; value: number }[] = [];
  for (let i = 0; i < tl.length; i++) {
    const value = tl.get(i, COL.running_executors) + (stoppingCounts ? tl.get(i, COL.stopping_executors) : 0);
    points.push({ timeMs: tl.get(i, COL.time_ms), value });
  }
  return { points, endMs: run.summary.makespanMs };
}

/**
 * `simulatedSeries` without the rows that leave the count as it was (of 68,907 timeline rows
 * of the replay bench's log, 3,093 change it): the same step function, and the same sums when
 * every instant of both series is a whole ms (each product and sum is then an exact integer,
 * however the intervals are split). Otherwise every row, so that no figure changes; undefined
 * when those rows are gone (a run with `keepTimelineRows` false: it must run again keeping them).
 */
function changesOfSimulatedSeries(run: RunOutput, actual: StepSeries): StepSeries | undefined {
  const tl = run.result.timeline;
  const sums = tl.sums;
  const from = sums?.rows ?? 0;
  let whole = (sums?.wholeTimes ?? true) && Number.isInteger(run.summary.makespanMs) && Number.isInteger(actual.endMs) && actual.points.every((p) => Number.isInteger(p.timeMs));
  for (let i = from; whole && i < tl.length; i++) whole = Number.isInteger(tl.get(i, COL.time_ms));
  if (!whole) return sums === undefined ? simulatedSeries(run) : undefined;
  const stoppingCounts = run.result.scenario.cluster.manager !== "kubernetes";
  const points: { timeMs: number; value: number }[] = [];
  const add = (timeMs: number, running: number, stopping: number): void => {
    const value = running + (stoppingCounts ? stopping : 0);
    if (points.length === 0 || points[points.length - 1]!.value !== value) points.push({ timeMs, value });
  };
  // The rows the timeline let go, as the changes it kept of them, then the rows it holds.
  for (let k = 0; k < (sums?.changes ?? 0); k++) {
    const c = sums!.change(k);
    add(c.timeMs, c.running, c.stopping);
  }
  for (let i = from; i < tl.length; i++) add(tl.get(i, COL.time_ms), tl.get(i, COL.running_executors), tl.get(i, COL.stopping_executors));
  return { points, endMs: run.summary.makespanMs };
}

/** Executor-seconds of a step series (the log's way of counting them). */
function seriesSeconds(s: StepSeries): number {
  let ms = 0;
  for (let i = 0; i < s.points.length; i++) {
    const p = s.points[i]!;
    const next = s.points[i + 1]?.timeMs ?? s.endMs;
    ms += p.value * Math.max(0, next - p.timeMs);
  }
  return ms / 1000;
}

/** The logged running-executor count as a step series ending at the application end. */
export function observedSeries(observed: ObservedExecutors): StepSeries {
  return { points: observed.timeline.map((p) => ({ timeMs: p.timeMs, value: p.runningExecutors })), endMs: observed.runTimeMs };
}

/**
 * Replays an event log: extracts its workload (one streaming pass), simulates it with the
 * logged conf (the baseline, whose distance from the observed run is the model error) and,
 * when overrides are given, with them. Throws `EventLogError` for an unreadable log and
 * `SparkConfigError` when Spark would refuse the conf.
 */
export async function replayEventLog(path: string, options: ReplayOptions = {}): Promise<ReplayResult> {
  const { confOverrides, simulate, afterExtraction, ...extractOptions } = options;
  const { scenario, notes, observed, report } = await extractWorkload(path, extractOptions);
  // The engine loads once the log is read: a log that cannot be read never waits for it.
  const { runScenario } = await import("../run/runScenario.js");
  afterExtraction?.();
  let baseline = runScenario(scenario, {}, simulate);
  const overrides = confOverrides ?? {};
  const changed = Object.keys(overrides).length > 0 ? runScenario(scenario, overrides, simulate) : undefined;
  const actual = observedSeries(observed);
  let simulated = changesOfSimulatedSeries(baseline, actual);
  if (simulated === undefined) {
    // A time that is not a whole ms in a run that let its rows go: the same run, keeping them.
    baseline = runScenario(scenario, {}, { ...simulate, keepTimelineRows: true });
    simulated = changesOfSimulatedSeries(baseline, actual)!;
  }
  const error = modelError({
    hadExecutors: observed.hadExecutors,
    localMode: notes.localMode,
    actual,
    actualExecutorSeconds: observed.executorSeconds,
    actualPeakExecutors: observed.peakExecutors,
    simulated,
    // Counted as the log counts them (on Kubernetes the summary also bills terminating pods).
    simulatedExecutorSeconds: seriesSeconds(simulated),
    simulatedPeakExecutors: baseline.summary.peakExecutors,
  });
  return {
    eventLog: path,
    scenario,
    notes,
    report,
    observed,
    baseline,
    changes: { ...overrides },
    ...(changed === undefined ? {} : { changed }),
    modelError: error,
  };
}
