/**
 * Worker-thread entry of a sweep: receives the scenario, every run's seed and resolved conf,
 * the shared run queue and the shared results once (`workerData`), then claims runs from the
 * queue until none is left, writing each run's metrics into the results and posting only its
 * index. Loaded from the compiled `dist/`.
 */
import { parentPort, workerData } from "node:worker_threads";
import { runClaimed } from "./runClaimed.js";
import { RunQueue } from "./RunQueue.js";
import { RunResults } from "./RunResults.js";
import type { WorkerInput, WorkerReply } from "./workerProtocol.js";

const port = parentPort;
if (port === null) throw new Error("src/sweep/worker.js is a worker_threads entry; it is started by the sweep's worker pool");
const input = workerData as WorkerInput;

await runClaimed(input.scenario, input.runs, RunQueue.attach(input.queue), RunResults.attach(input.results), (run, error) => {
  const reply: WorkerReply = error === undefined ? { run } : { run, error };
  port.postMessage(reply);
});
