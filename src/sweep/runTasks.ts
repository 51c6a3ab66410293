import { existsSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Scenario, SparkConf } from "../../sim/index.js";
import { type ClaimableRun, type RunDone, runClaimed } from "./runClaimed.js";
import type { RunMetrics } from "./runPoint.js";
import { RunQueue } from "./RunQueue.js";
import { RunResults } from "./RunResults.js";
import { SweepError, SweepRunError } from "./SweepError.js";
import type { WorkerInput, WorkerReply } from "./workerProtocol.js";

/** One run of the sweep: a grid point with one seed. */
export interface RunTask {
  readonly gridIndex: number;
  readonly values: Readonly<Record<string, string>>;
  readonly seed: number;
  /** The point's resolved conf (`validateGrid`). */
  readonly conf: SparkConf;
}

/**
 * The compiled worker entry. In the bundled CLI (`dist/cli/`) it is the bundle's worker beside
 * this module. From the compiled library (`dist/src/sweep/`) it is that same bundled worker when
 * `npm run build` made it, else this module's sibling: one file starts in about half the CPU of
 * the hundred modules the sibling imports (60 against 110 ms), and a worker's start-up is on
 * its way to its first run. From TypeScript sources (vitest) it is the repository's `dist/`
 * copy, because `worker_threads` needs a JavaScript file.
 */
function workerEntryPath(): string {
  const here = fileURLToPath(import.meta.url);
  const dir = here.endsWith(".ts") ? resolve(dirname(here), "../../dist/src/sweep") : dirname(here);
  if (basename(dir) !== "sweep") return join(dir, "worker.js");
  const bundled = resolve(dir, "../../cli/worker.js");
  return existsSync(bundled) ? bundled : join(dir, "worker.js");
}

/**
 * Runs every task and returns the metrics in task order, whatever the number of workers or
 * the order they finish in. `workers` runs go at once: the main thread's and, past one,
 * those of `workers - 1` worker threads (which need the compiled build). Every thread claims
 * runs one at a time from one shared queue (`RunQueue`), so all stay busy to the end, and
 * writes each run's metrics into shared memory (`RunResults`): a worker posts only the index
 * of a run it finished, so nothing but that index crosses threads per run.
 */
export async function runTasks(
  scenario: Scenario,
  tasks: readonly RunTask[],
  workers: number,
  onDone: (done: number) => void = () => {},
): Promise<RunMetrics[]> {
  const queue = RunQueue.bySeed(tasks.map((t) => t.seed));
  const threads = Math.min(workers, tasks.length) - 1;
  const runs: ClaimableRun[] = tasks.map((t) => ({ seed: t.seed, conf: t.conf }));
  const results = RunResults.forRuns(tasks.length);
  let done = 0;
  let failure: Error | undefined;
  let settle = (): void => {};
  const allDone = new Promise<void>((resolvePromise) => (settle = resolvePromise));
  const fail = (error: Error): void => {
    // After the last result, workers ending (or being ended) change nothing.
    if (done === tasks.length) return;
    failure ??= error;
    queue.stop();
    settle();
  };
  const record = (run: number, error?: string): void => {
    if (failure !== undefined) return;
    if (error !== undefined) {
      const task = tasks[run]!;
      fail(new SweepRunError(task.gridIndex, task.seed, task.values, error));
      return;
    }
    done++;
    onDone(done);
    if (done === tasks.length) settle();
  };
  const input: WorkerInput = { scenario, runs, queue: queue.data, results: results.data };
  const pool = threads > 0 ? startWorkers(threads, input, record, fail) : [];
  try {
    await runClaimed(scenario, runs, queue, results, record);
    if (done < tasks.length && failure === undefined) await allDone;
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  if (failure !== undefined) throw failure;
  return tasks.map((_, run) => results.read(run));
}

/**
 * A run allocates its whole model (tasks, executors, timeline) and drops it at the end. A
 * young generation larger than V8's default lets more of that die young instead of being
 * copied and promoted: about 5 % faster per run in the 100,000-task bench (bench/measures/sweep.mjs).
 */
const WORKER_YOUNG_GENERATION_MB = 96;

/** The worker entry, or a `SweepError` saying how to get it when the build is missing. */
export function requireWorkerEntry(entry: string = workerEntryPath()): string {
  if (!existsSync(entry)) {
    throw new SweepError((w) => `running on worker threads needs the compiled build, and ${entry} is missing: run npm run build (or ${w.oneWorker})`);
  }
  return entry;
}

/** Starts `count` workers that claim runs from the queue in `input` and report each outcome to `record`. */
function startWorkers(count: number, input: WorkerInput, record: RunDone, fail: (error: Error) => void): Worker[] {
  const entry = requireWorkerEntry();
  return Array.from({ length: count }, () => {
    const w = new Worker(entry, { workerData: input, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    w.on("message", ({ run, error }: WorkerReply) => record(run, error));
    w.on("error", (e) => fail(new Error(`a sweep worker failed: ${e.message}`, { cause: e })));
    // A worker ends on its own once the queue is empty; before that, an exit is a failure.
    w.on("exit", (code) => {
      if (code !== 0) fail(new Error(`a sweep worker exited with code ${code} before the sweep finished`));
    });
    return w;
  });
}
