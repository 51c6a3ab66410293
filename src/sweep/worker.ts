/**
 * Worker-thread entry of a sweep: receives the scenario, every run's seed and resolved conf
 * and the shared run queue once (`workerData`), then claims runs from the queue until none
 * is left, answering each with its metrics only. Loaded from the compiled `dist/`.
 */
import { parentPort, workerData } from "node:worker_threads";
import { runClaimed } from "./runClaimed.js";
import { RunQueue } from "./RunQueue.js";
import type { WorkerInput, WorkerReply } from "./workerProtocol.js";

const port = parentPort;
if (port === null) throw new Error("src/sweep/worker.js is a worker_threads entry; it is started by the sweep's worker pool");
const input = workerData as WorkerInput;

await runClaimed(input.scenario, input.runs, RunQueue.attach(input.queue), (run, outcome) => {
  const reply: WorkerReply = { run, ...outcome };
  port.postMessage(reply);
});
