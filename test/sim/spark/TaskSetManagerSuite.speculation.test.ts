/**
 * The speculation cases of Spark's `core/src/test/scala/org/apache/spark/scheduler/TaskSetManagerSuite.scala`
 * that fit the model, each named as in Spark, against `TaskSetSpeculation` (the speculation
 * state of a `TaskSetManager`) with a manual clock: tasks are launched, succeed and are checked
 * at explicit times. Spark's FakeTaskScheduler offers hosts; the model's executors are its hosts.
 *
 * Not ported: locality cases (the model has no preferred locations), barrier stages, the
 * decommission-driven case SPARK-21040 (decommissioning is not modelled here), and
 * SPARK-13343 (a killed attempt that finishes before the kill arrives: kills are immediate).
 */
import { describe, expect, it } from "vitest";
import { parseConf } from "../../../sim/conf/parseConf.js";
import { parseSparkVersion } from "../../../sim/conf/SparkVersion.js";
import { RunningTasks, type RunningTask } from "../../../sim/spark/RunningTask.js";
import type { ExecutorSlots, TaskSetManager } from "../../../sim/spark/TaskSchedulerImpl.js";
import { TaskSetSpeculation } from "../../../sim/spark/TaskSetSpeculation.js";

/** The speculation settings Spark `version` reads from `raw`. */
function settings(raw: Record<string, string>, version = "3.5") {
  return parseConf({ "spark.speculation": "true", ...raw }, parseSparkVersion(version)).conf;
}

/** A task set of `numTasks` with its speculation state, on a manual clock. */
class Harness {
  readonly spec: TaskSetSpeculation;
  readonly tasks = new RunningTasks();
  nowMs = 0;
  private readonly running = new Map<number, RunningTask[]>();
  /** Each executor's slots, numbered in order of first use. */
  private readonly executors = new Map<string, ExecutorSlots>();
  private readonly taskSet = {} as TaskSetManager;

  constructor(numTasks: number, raw: Record<string, string> = {}, version = "3.5", slotsPerExecutor = 1) {
    const conf = settings(raw, version);
    this.spec = new TaskSetSpeculation(this.tasks, numTasks, conf.speculationSettings, conf.features.speculationPercentileHeap, numTasks <= slotsPerExecutor);
  }

  /** `resourceOffer` that launched `index` on `executorId` now, taking `durationMs`. */
  launch(index: number, executorId: string, durationMs = 1000, speculative = false): RunningTask {
    let slots = this.executors.get(executorId);
    if (slots === undefined) {
      slots = { id: executorId, number: this.executors.size, host: executorId, resourceProfileId: 0, slots: 1, freeSlots: 0, removed: false };
      this.executors.set(executorId, slots);
      this.tasks.executorAdded(slots);
    }
    const task = this.tasks.take(this.taskSet, index, index, slots, durationMs, 0, this.nowMs, speculative);
    this.spec.launched(task);
    this.running.set(index, [...(this.running.get(index) ?? []), task]);
    return task;
  }

  /** `handleSuccessfulTask` of the attempt of `index` on `executorId`: the attempts to kill. */
  succeed(index: number, executorId: string): RunningTask[] {
    const task = this.running.get(index)!.find((t) => this.tasks.executorId(t) === executorId)!;
    return this.spec.succeeded(task);
  }

  check(): number[] {
    return this.spec.check(false, this.nowMs);
  }
}

describe("TaskSetManagerSuite (speculation)", () => {
  it("SPARK-26755 Ensure that a speculative task is submitted only once for execution", () => {
    // multiplier 0 and minTaskRuntime 0: a task is speculatable as soon as it has run 1 ms.
    const h = new Harness(4, { "spark.speculation.multiplier": "0", "spark.speculation.quantile": "0.5", "spark.speculation.minTaskRuntime": "0" });
    h.launch(0, "exec1");
    h.launch(1, "exec1");
    h.launch(2, "exec2");
    h.launch(3, "exec2");
    h.nowMs = 1;
    for (const [i, e] of [[0, "exec1"], [2, "exec2"]] as const) expect(h.succeed(i, e)).toEqual([]);
    h.nowMs = 2;
    expect(h.check()).toEqual([1, 3]);
    expect([h.spec.copiesRunning[1], h.spec.copiesRunning[3]]).toEqual([1, 1]);
    // A copy never goes where an attempt of its task ran: exec1 takes 3, exec2 takes 1.
    expect(h.spec.takeSpeculative("exec1")).toBe(3);
    h.launch(3, "exec1", 1000, true);
    expect(h.spec.takeSpeculative("exec2")).toBe(1);
    h.launch(1, "exec2", 1000, true);
    h.nowMs = 3;
    expect(h.check()).toEqual([]);
    expect([h.spec.copiesRunning[1], h.spec.copiesRunning[3]]).toEqual([2, 2]);
    // Offering more resources launches no further copy.
    expect(h.spec.takeSpeculative("exec1")).toBe(-1);
    expect(h.spec.takeSpeculative("exec3")).toBe(-1);
  });

  it("SPARK-24755 Executor loss can cause task to not be resubmitted (the winner kills the other attempt)", () => {
    const h = new Harness(4, { "spark.speculation.multiplier": "0", "spark.speculation.quantile": "0.5", "spark.speculation.minTaskRuntime": "0" });
    h.launch(0, "exec1");
    h.launch(1, "exec1");
    const original = h.launch(2, "exec3");
    h.launch(3, "exec2");
    h.nowMs = 1;
    h.succeed(0, "exec1");
    h.succeed(1, "exec1");
    h.nowMs = 2;
    expect(h.check()).toEqual([2, 3]);
    // exec2 ran index 3, so it takes the copy of 2.
    expect(h.spec.takeSpeculative("exec2")).toBe(2);
    h.launch(2, "exec2", 1000, true);
    // The copy succeeds: the original on exec3 is the one to kill ("another attempt succeeded").
    expect(h.succeed(2, "exec2")).toEqual([original]);
    // A failed attempt of a done index is not pending again.
    h.spec.ended(original);
    expect(h.spec.shouldRetry(2)).toBe(false);
  });

  it("SPARK-24677: Avoid NoSuchElementException from MedianHeap", () => {
    const h = new Harness(10, { "spark.speculation.multiplier": "0", "spark.speculation.quantile": "0.1" });
    for (let i = 0; i < 8; i++) h.launch(i, `exec-${i}`);
    // A partition completed by another attempt adds no duration: no median, no speculation.
    h.spec.markCompleted(8);
    h.nowMs = 10_000;
    expect(h.check()).toEqual([]);
  });

  const thresholdCase = (provided: boolean, numTasks: number, numSlots: number): number[][] => {
    const h = new Harness(
      numTasks,
      {
        // Quantile 1: regular speculation never triggers here.
        "spark.speculation.quantile": "1.0",
        ...(provided ? { "spark.speculation.task.duration.threshold": "60min" } : {}),
      },
      "3.5",
      numSlots,
    );
    for (let i = 0; i < numTasks; i++) h.launch(i, "exec1", 10 * 3600_000);
    h.nowMs = 3600_000;
    const atThreshold = h.check();
    h.nowMs += 1000;
    const after = h.check();
    const again = h.check();
    return [atThreshold, after, again];
  };

  for (const numTasks of [1, 2]) {
    it(`SPARK-29976 when a speculation time threshold is provided, should speculative run the task even if there are not enough successful runs, total tasks: ${numTasks}`, () => {
      const all = Array.from({ length: numTasks }, (_, i) => i);
      // Not past 60 minutes yet; past it every task is speculatable, once.
      expect(thresholdCase(true, numTasks, numTasks)).toEqual([[], all, []]);
    });

    it(`SPARK-29976: when the speculation time threshold is not provided,don't speculative run if there are not enough successful runs, total tasks: ${numTasks}`, () => {
      expect(thresholdCase(false, numTasks, numTasks)).toEqual([[], [], []]);
    });
  }

  it("SPARK-29976 when a speculation time threshold is provided, should not speculative if there are too many tasks in the stage even though time threshold is provided", () => {
    expect(thresholdCase(true, 2, 1)).toEqual([[], [], []]);
  });

  it("SPARK-33741 Test minimum amount of time a task runs before being considered for speculation", () => {
    // Median 1000 ms x multiplier 1.5 = 1500 ms, but minTaskRuntime 30 s is larger.
    const h = new Harness(4, { "spark.speculation.minTaskRuntime": "30s", "spark.speculation.efficiency.enabled": "false" });
    for (let i = 0; i < 4; i++) h.launch(i, `exec${i}`, i === 3 ? 100_000 : 1000);
    h.nowMs = 1000;
    for (let i = 0; i < 3; i++) h.succeed(i, `exec${i}`);
    h.nowMs = 30_000;
    expect(h.check()).toEqual([]);
    h.nowMs = 30_001;
    expect(h.check()).toEqual([3]);
  });

  it("minTaskRuntime is Spark 3.2's key: before it, MIN_TIME_TO_SPECULATION is a fixed 100 ms", () => {
    const h = new Harness(4, { "spark.speculation.minTaskRuntime": "30s" }, "3.1");
    for (let i = 0; i < 4; i++) h.launch(i, `exec${i}`, i === 3 ? 100_000 : 1000);
    h.nowMs = 1000;
    for (let i = 0; i < 3; i++) h.succeed(i, `exec${i}`);
    // Threshold max(1.5 x 1000, 100) = 1500 ms.
    h.nowMs = 1501;
    expect(h.check()).toEqual([3]);
  });

  // SPARK-32170 (3.4): with spark.speculation.efficiency.enabled only inefficient tasks are copied.
  // The model's record rate of a task is 1 / its duration (see TaskSetSpeculation.mayBeInefficient).
  const efficiencyCase = (version: string, lateTaskMs: number, atMs: number): number[] => {
    const h = new Harness(4, { "spark.speculation.multiplier": "1", "spark.speculation.minTaskRuntime": "0" }, version);
    for (let i = 0; i < 3; i++) h.launch(i, `exec${i}`, 1000);
    h.nowMs = 1000;
    for (let i = 0; i < 3; i++) h.succeed(i, `exec${i}`);
    h.nowMs = 0;
    h.launch(3, "exec3", lateTaskMs);
    h.nowMs = atMs;
    return h.check();
  };

  it("SPARK-32170: a task past the threshold whose rate is at least processRateMultiplier x the average is not speculated", () => {
    // Threshold 1 x median 1000 ms. A 1300 ms task reads at 1/1300 per ms >= 0.75 x 1/1000: efficient.
    expect(efficiencyCase("3.5", 1300, 1200)).toEqual([]);
    // A 5000 ms task is inefficient: copied once past the threshold.
    expect(efficiencyCase("3.5", 5000, 1001)).toEqual([3]);
  });

  it("SPARK-32170: test SPECULATION_EFFICIENCY_TASK_DURATION_FACTOR (past longRunTaskFactor x the threshold a task is copied whatever its rate)", () => {
    expect(efficiencyCase("3.5", 1300, 2000)).toEqual([]);
    expect(efficiencyCase("3.5", 1300, 2001)).toEqual([3]);
  });

  it("efficiency is Spark 3.4's: before it, and with spark.speculation.efficiency.enabled=false, every task past the threshold is copied", () => {
    expect(efficiencyCase("3.3", 1300, 1200)).toEqual([3]);
    const h = new Harness(2, { "spark.speculation.multiplier": "1", "spark.speculation.quantile": "0.5", "spark.speculation.efficiency.enabled": "false" });
    h.launch(0, "exec0", 1000);
    h.launch(1, "exec1", 1300);
    h.nowMs = 1000;
    h.succeed(0, "exec0");
    h.nowMs = 1200;
    expect(h.check()).toEqual([1]);
  });

  it("the median: PercentileHeap's sorted[n / 2] from 3.4, MedianHeap's mean of the two middle values before", () => {
    // Successful durations 1000 and 3000: median 3000 (3.4+) or 2000 (3.3); threshold x 1.
    const run = (version: string, atMs: number): number[] => {
      const h = new Harness(3, { "spark.speculation.multiplier": "1", "spark.speculation.quantile": "0.5", "spark.speculation.efficiency.enabled": "false" }, version);
      h.launch(0, "exec0", 1000);
      h.launch(1, "exec1", 3000);
      h.launch(2, "exec2", 100_000);
      h.nowMs = 3000;
      h.succeed(0, "exec0");
      h.succeed(1, "exec1");
      h.nowMs = atMs;
      return h.check();
    };
    expect(run("3.5", 2001)).toEqual([]);
    expect(run("3.5", 3001)).toEqual([2]);
    expect(run("3.3", 2001)).toEqual([2]);
  });
});
