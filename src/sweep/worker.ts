/**
 * Worker-thread entry of a sweep: receives the scenario once (`workerData`), then runs one
 * task (seed and resolved conf) per message and answers with its metrics only. Task
 * durations drawn for a seed are kept for the worker's later runs with that seed. Loaded from
 * the compiled `dist/`.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Scenario, TaskDurationCache } from "../../sim/index.js";
import { runPoint } from "./runPoint.js";
import type { WorkerReply, WorkerTask } from "./workerProtocol.js";

const port = parentPort;
if (port === null) throw new Error("src/sweep/worker.js is a worker_threads entry; it is started by the sweep's worker pool");
const { scenario } = workerData as { scenario: Scenario };
const taskDurations: TaskDurationCache = new Map();

port.on("message", (task: WorkerTask) => {
  let reply: WorkerReply;
  try {
    reply = { taskId: task.taskId, metrics: runPoint(scenario, task.conf, task.seed, taskDurations) };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    reply = { taskId: task.taskId, error: { name: err.name, message: err.message } };
  }
  port.postMessage(reply);
});
