import { describe, expect, it } from "vitest";
import { DEFAULT_EXECUTOR_STARTUP_MS } from "../../sim/scenario/Scenario.js";
import { validateScenario } from "../../src/scenario/index.js";
import { expectSingleIssue, input, okOf, withStages } from "./scenarioInput.js";

const TASK_PATH = "workload.jobs[0].stages[0].taskDurationMs";
const stageWith = (taskDurationMs: unknown, tasks = 3): Record<string, unknown> => withStages({ id: 0, tasks, taskDurationMs });
const taskSpec = (taskDurationMs: unknown, tasks = 3): unknown =>
  okOf(validateScenario(stageWith(taskDurationMs, tasks))).scenario.workload.jobs[0]!.stages[0]!.taskDurationMs;
const startup = (executorStartupMs: unknown): Record<string, unknown> => input({ cluster: { executorStartupMs } });

describe("duration specs: constants and lists", () => {
  it("accepts a whole number of ms and a list with one entry per task", () => {
    expect(taskSpec(0)).toBe(0);
    expect(taskSpec([100, 200, 300])).toEqual([100, 200, 300]);
  });

  it("rejects a list whose length is not the task count", () => {
    expectSingleIssue(stageWith([100, 200]), TASK_PATH, "length-mismatch", "tasks: 3", "got 2 entries");
  });

  it("rejects fractional and negative milliseconds, naming the value", () => {
    expectSingleIssue(stageWith(1.5), TASK_PATH, "not-integer", "must be a whole number of milliseconds", "got 1.5");
    expectSingleIssue(stageWith(-1), TASK_PATH, "too-small", "got -1");
    expectSingleIssue(stageWith([100, 2.5, 300]), `${TASK_PATH}[1]`, "not-integer", "got 2.5");
  });

  it("rejects text with units, saying to write milliseconds", () => {
    expectSingleIssue(stageWith("10s"), TASK_PATH, "invalid-type", '"10s"', "write the number of milliseconds");
    expectSingleIssue(stageWith(true), TASK_PATH, "invalid-type", "got true");
  });
});

describe("task durations in a Float64Array (a workload built in memory, as a replay extracts it)", () => {
  it("is kept as it is, not copied: the engine uses the same 8 bytes a task", () => {
    const durations = Float64Array.of(100, 0, 300);
    expect(taskSpec(durations)).toBe(durations);
  });

  it("is checked like a list: each value, then the length", () => {
    expectSingleIssue(stageWith(Float64Array.of(100, 2.5, 300)), `${TASK_PATH}[1]`, "not-integer", "got 2.5");
    expectSingleIssue(stageWith(Float64Array.of(100, -1, 300)), `${TASK_PATH}[1]`, "too-small", "got -1");
    expectSingleIssue(stageWith(Float64Array.of(100, NaN, 300)), `${TASK_PATH}[1]`, "not-integer");
    expectSingleIssue(stageWith(Float64Array.of(100, 200)), TASK_PATH, "length-mismatch", "tasks: 3", "got 2 entries");
  });
});

describe("duration specs: distributions", () => {
  it("accepts the three distributions", () => {
    expect(taskSpec({ distribution: "uniform", minMs: 100, maxMs: 100 })).toEqual({ distribution: "uniform", minMs: 100, maxMs: 100 });
    expect(taskSpec({ distribution: "exponential", meanMs: 250 })).toEqual({ distribution: "exponential", meanMs: 250 });
    expect(taskSpec({ distribution: "lognormal", medianMs: 1000, p95Ms: 1000 })).toEqual({ distribution: "lognormal", medianMs: 1000, p95Ms: 1000 });
  });

  it("uniform: minMs <= maxMs, both >= 0", () => {
    expectSingleIssue(stageWith({ distribution: "uniform", minMs: 500, maxMs: 100 }), `${TASK_PATH}.maxMs`, "too-small", "minMs (500)", "got 100");
    expectSingleIssue(stageWith({ distribution: "uniform", minMs: -1, maxMs: 100 }), `${TASK_PATH}.minMs`, "too-small", "got -1");
    expectSingleIssue(stageWith({ distribution: "uniform", minMs: 1 }), `${TASK_PATH}.maxMs`, "required", "minMs, maxMs");
  });

  it("exponential: meanMs > 0", () => {
    expectSingleIssue(stageWith({ distribution: "exponential", meanMs: 0 }), `${TASK_PATH}.meanMs`, "too-small", "> 0", "got 0");
    expectSingleIssue(stageWith({ distribution: "exponential", meanMs: 0.5 }), `${TASK_PATH}.meanMs`, "not-integer", "got 0.5");
  });

  it("lognormal: 0 < medianMs <= p95Ms", () => {
    expectSingleIssue(stageWith({ distribution: "lognormal", medianMs: 2000, p95Ms: 1000 }), `${TASK_PATH}.p95Ms`, "too-small", "medianMs (2000)", "got 1000");
    expectSingleIssue(stageWith({ distribution: "lognormal", medianMs: 0, p95Ms: 1000 }), `${TASK_PATH}.medianMs`, "too-small", "got 0");
  });

  it("names the distributions when the name is wrong or missing", () => {
    expectSingleIssue(stageWith({ distribution: "normal", meanMs: 5 }), `${TASK_PATH}.distribution`, "invalid-value", '"normal"', "uniform, exponential, lognormal");
    expectSingleIssue(stageWith({ distribution: "Uniform", minMs: 1, maxMs: 2 }), `${TASK_PATH}.distribution`, "invalid-value", 'did you mean "uniform"?');
    expectSingleIssue(stageWith({ meanMs: 5 }), `${TASK_PATH}.distribution`, "required", "uniform, exponential, lognormal");
  });

  it("rejects a parameter of another distribution", () => {
    expectSingleIssue(stageWith({ distribution: "uniform", minMs: 1, maxMs: 2, meanMs: 5 }), `${TASK_PATH}.meanMs`, "unknown-key", "minMs, maxMs");
  });

  it("reports a misspelt parameter once, with the fix", () => {
    expectSingleIssue(stageWith({ distribution: "exponential", meanMS: 5 }), `${TASK_PATH}.meanMS`, "unknown-key", 'did you mean "meanMs"?');
  });
});

describe("cluster.executorStartupMs", () => {
  it(`defaults to DEFAULT_EXECUTOR_STARTUP_MS (${DEFAULT_EXECUTOR_STARTUP_MS})`, () => {
    expect(okOf(validateScenario(input())).scenario.cluster.executorStartupMs).toBe(DEFAULT_EXECUTOR_STARTUP_MS);
    expect(okOf(validateScenario(input({ cluster: {} }))).scenario.cluster.executorStartupMs).toBe(DEFAULT_EXECUTOR_STARTUP_MS);
  });

  it("takes a list of any length (reused cyclically), but not an empty one", () => {
    expect(okOf(validateScenario(startup([1000, 2000, 3000, 4000, 5000]))).scenario.cluster.executorStartupMs).toEqual([1000, 2000, 3000, 4000, 5000]);
    expectSingleIssue(startup([]), "cluster.executorStartupMs", "too-small", "at least one entry");
  });

  it("takes a distribution", () => {
    expect(okOf(validateScenario(startup({ distribution: "uniform", minMs: 5000, maxMs: 15000 }))).scenario.cluster.executorStartupMs).toEqual({
      distribution: "uniform",
      minMs: 5000,
      maxMs: 15000,
    });
  });

  it("rejects unknown cluster keys and non-map clusters", () => {
    expectSingleIssue(input({ cluster: { executorStartup: 100 } }), "cluster.executorStartup", "unknown-key", 'did you mean "executorStartupMs"?');
    expectSingleIssue(input({ cluster: 5 }), "cluster", "invalid-type", "got 5");
  });
});
