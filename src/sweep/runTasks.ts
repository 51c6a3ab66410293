import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Scenario, SparkConf, TaskDurationCache } from "../../sim/index.js";
import { runPoint, type RunMetrics } from "./runPoint.js";
import { SweepError, SweepRunError } from "./SweepError.js";
import type { WorkerReply, WorkerTask } from "./workerProtocol.js";

/** One run of the sweep: a grid point with one seed. */
export interface RunTask {
  readonly gridIndex: number;
  readonly values: Readonly<Record<string, string>>;
  readonly seed: number;
  /** The point's resolved conf (`validateGrid`). */
  readonly conf: SparkConf;
}

/**
 * The compiled worker entry. Under the compiled build it is this module's sibling; when this
 * module runs from TypeScript sources (vitest), it is the repository's `dist/` copy, because
 * `worker_threads` needs a JavaScript file.
 */
function workerEntryPath(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith(".ts")) return resolve(dirname(here), "../../dist/src/sweep/worker.js");
  return join(dirname(here), "worker.js");
}

/**
 * Runs every task and returns the metrics in task order, whatever the number of workers or
 * the order they finish in. One worker runs in this thread (no build needed); more start
 * `worker_threads`, each given the scenario once.
 */
export async function runTasks(
  scenario: Scenario,
  tasks: readonly RunTask[],
  workers: number,
  onDone: (done: number) => void = () => {},
): Promise<RunMetrics[]> {
  if (workers <= 1 || tasks.length <= 1) return runInThisThread(scenario, tasks, onDone);
  return runInWorkers(scenario, tasks, Math.min(workers, tasks.length), onDone);
}

async function runInThisThread(scenario: Scenario, tasks: readonly RunTask[], onDone: (done: number) => void): Promise<RunMetrics[]> {
  const out: RunMetrics[] = [];
  const taskDurations: TaskDurationCache = new Map();
  for (const task of tasks) {
    try {
      out.push(runPoint(scenario, task.conf, task.seed, taskDurations));
    } catch (e) {
      throw new SweepRunError(task.gridIndex, task.seed, task.values, e instanceof Error ? e.message : String(e));
    }
    onDone(out.length);
    // Let timers and signals through between runs (the progress bar, Ctrl-C).
    await new Promise<void>((r) => setImmediate(r));
  }
  return out;
}

/**
 * A run allocates its whole model (tasks, executors, timeline) and drops it at the end. A
 * young generation larger than V8's default lets more of that die young instead of being
 * copied and promoted: about 5 % faster per run in the 100,000-task bench (bench/sweep.mjs).
 */
const WORKER_YOUNG_GENERATION_MB = 96;

/** The worker entry, or a `SweepError` saying how to get it when the build is missing. */
export function requireWorkerEntry(entry: string = workerEntryPath()): string {
  if (!existsSync(entry)) {
    throw new SweepError((w) => `running on worker threads needs the compiled build, and ${entry} is missing: run npm run build (or ${w.oneWorker})`);
  }
  return entry;
}

async function runInWorkers(scenario: Scenario, tasks: readonly RunTask[], count: number, onDone: (done: number) => void): Promise<RunMetrics[]> {
  const entry = requireWorkerEntry();
  return new Promise<RunMetrics[]>((resolvePromise, reject) => {
    const results = new Array<RunMetrics | undefined>(tasks.length);
    const pool: Worker[] = [];
    let next = 0;
    let done = 0;
    let settled = false;

    const finish = (error: Error | undefined): void => {
      if (settled) return;
      settled = true;
      void Promise.all(pool.map((w) => w.terminate())).then(() => (error === undefined ? resolvePromise(results as RunMetrics[]) : reject(error)));
    };
    const inFlight = new Map<Worker, number>();
    /**
     * Two tasks in flight per worker, so a worker never waits for the main thread between
     * runs; one each once few tasks remain (twice the workers), so that at the end no task
     * waits queued behind a long run while another worker has nothing left to do.
     */
    const fill = (w: Worker): void => {
      for (;;) {
        const n = inFlight.get(w) ?? 0;
        if (next >= tasks.length || n >= (tasks.length - next > 2 * count ? 2 : 1)) return;
        const t = tasks[next]!;
        const message: WorkerTask = { taskId: next, seed: t.seed, conf: t.conf };
        next++;
        inFlight.set(w, n + 1);
        w.postMessage(message);
      }
    };

    for (let i = 0; i < count; i++) {
      const w = new Worker(entry, { workerData: { scenario }, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
      pool.push(w);
      w.on("message", (reply: WorkerReply) => {
        if (settled) return;
        const task = tasks[reply.taskId]!;
        if ("error" in reply) {
          finish(new SweepRunError(task.gridIndex, task.seed, task.values, reply.error.message));
          return;
        }
        results[reply.taskId] = reply.metrics;
        inFlight.set(w, (inFlight.get(w) ?? 1) - 1);
        done++;
        onDone(done);
        if (done === tasks.length) finish(undefined);
        else fill(w);
      });
      w.on("error", (e) => finish(new Error(`a sweep worker failed: ${e.message}`, { cause: e })));
      w.on("exit", (code) => {
        if (!settled) finish(new Error(`a sweep worker exited with code ${code} before the sweep finished`));
      });
    }
    for (const w of pool) fill(w);
  });
}
