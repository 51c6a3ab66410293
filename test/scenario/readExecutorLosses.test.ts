import { describe, expect, it } from "vitest";
import { validateScenario } from "../../src/scenario/index.js";
import { expectSingleIssue, input, okOf } from "./scenarioInput.js";

const withLosses = (executorLosses: unknown): Record<string, unknown> => input({ cluster: { executorLosses } });

describe("cluster.executorLosses", () => {
  it("reads the four forms, with interruption as the default cause", () => {
    const r = okOf(
      validateScenario(
        withLosses([
          { atMs: 60000, executorId: "3" },
          { afterAddedMs: 7000, executorId: "1", cause: "failure" },
          { afterAddedMs: 7000, atMs: 21000, executorId: "2" },
          { atMs: 120000, count: 2 },
          { ratePerExecutorHour: 0.5, fromMs: 1000, untilMs: 900000 },
          { ratePerExecutorHour: 2 },
        ]),
      ),
    );
    expect(r.scenario.cluster.executorLosses).toEqual([
      { atMs: 60000, executorId: "3", cause: "interruption" },
      { afterAddedMs: 7000, executorId: "1", cause: "failure" },
      { afterAddedMs: 7000, atMs: 21000, executorId: "2", cause: "interruption" },
      { atMs: 120000, count: 2, cause: "interruption" },
      { ratePerExecutorHour: 0.5, fromMs: 1000, untilMs: 900000, cause: "interruption" },
      { ratePerExecutorHour: 2, cause: "interruption" },
    ]);
  });

  it("leaves the cluster without the key when none are given", () => {
    expect(Object.keys(okOf(validateScenario(input({ cluster: { executorStartupMs: 5 } }))).scenario.cluster)).toEqual(["executorStartupMs"]);
  });

  it("refuses mixed or incomplete forms, naming the forms", () => {
    expectSingleIssue(withLosses([{ atMs: 5, count: 1, executorId: "1" }]), "cluster.executorLosses[0]", "invalid-value", "must be one of {atMs, executorId}");
    expectSingleIssue(withLosses([{ executorId: "1" }]), "cluster.executorLosses[0]", "invalid-value", "got keys executorId");
    expectSingleIssue(withLosses([{ count: 2 }]), "cluster.executorLosses[0].atMs", "required", "with count");
  });

  it("checks each value with its path", () => {
    expectSingleIssue(withLosses([{ atMs: 5, executorId: "driver" }]), "cluster.executorLosses[0].executorId", "invalid-value", '"1", "2", ...');
    expectSingleIssue(withLosses([{ atMs: 5, count: 0 }]), "cluster.executorLosses[0].count", "too-small", ">= 1");
    expectSingleIssue(withLosses([{ ratePerExecutorHour: -1 }]), "cluster.executorLosses[0].ratePerExecutorHour", "invalid-value", "> 0");
    expectSingleIssue(withLosses([{ ratePerExecutorHour: 1, fromMs: 10, untilMs: 10 }]), "cluster.executorLosses[0].untilMs", "invalid-value", "after fromMs (10)");
    expectSingleIssue(withLosses([{ atMs: 5, executorId: "1", cause: "spot" }]), "cluster.executorLosses[0].cause", "invalid-value", "interruption, failure");
    expectSingleIssue(withLosses([{ atMs: 5, executorId: "1", fromMs: 3 }]), "cluster.executorLosses[0].fromMs", "invalid-value", "ratePerExecutorHour only");
    expectSingleIssue(withLosses({ atMs: 5 }), "cluster.executorLosses", "invalid-type", "must be a list");
    expectSingleIssue(withLosses([{ atMs: 5, executorid: "1" }]), "cluster.executorLosses[0].executorid", "unknown-key");
  });
});
