import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ObservedExecutor } from "../../src/eventlog/index.js";
import { clusterManagerOf, contradictionWarning, hostPeaks, removalLatencySamples, requestLatencySamples } from "../../src/replay/clusterEstimates.js";
import type { ConfFacts } from "../../src/replay/loggedConf.js";

const exec = (id: string, addedMs: number, removedMs: number, host = "h1", removal: ObservedExecutor["removal"] = "idle-release"): ObservedExecutor => ({
  executorId: id,
  host,
  totalCores: 1,
  resourceProfileId: 0,
  addedMs,
  removedMs,
  removalReason: undefined,
  removal,
});

const facts: ConfFacts = {
  dynamicAllocation: true,
  initialExecutors: 0,
  schedulerBacklogTimeoutMs: 1000,
  minRegisteredResourcesRatio: 0.8,
  maxRegisteredResourcesWaitingTimeMs: 30_000,
  minExecutors: 0,
  maxExecutors: Infinity,
  executorIdleTimeoutMs: 60_000,
  tasksPerExecutor: 4,
  yarnHeartbeatIntervalMs: 3000,
  yarnInitialAllocationIntervalMs: 200,
  standaloneFootprint: { cores: 4, memoryMiB: 1024, gpus: 0 },
};

describe("cluster manager of a log", () => {
  it.each([
    ["yarn", "yarn"],
    ["yarn-client", "yarn"],
    ["yarn-cluster", "yarn"],
    ["k8s://https://10.0.0.1:443", "kubernetes"],
    ["spark://host:7077", "standalone"],
    ["local-cluster[2, 4, 2048]", "standalone"],
    ["mesos://host:5050", "generic"],
    [undefined, "generic"],
  ])("spark.master=%s -> %s", (master, manager) => {
    expect(clusterManagerOf(master).manager).toBe(manager);
  });
});

describe("start-up latency of requested executors", () => {
  it("a backlog asks at the first tick after schedulerBacklogTimeout; the next registration answers it", () => {
    const samples = requestLatencySamples({
      episodes: [
        { startMs: 10_050, endMs: 20_000 },
        { startMs: 50_000, endMs: 50_500 }, // over before the timer: no ask
        { startMs: 70_000, endMs: 90_000 },
      ],
      registrationsMs: [5000, 18_100, 19_000, 79_000],
      schedulerBacklogTimeoutMs: 1000,
    });
    expect(samples).toEqual([
      { requestMs: 11_100, registeredMs: 18_100 },
      { requestMs: 71_000, registeredMs: 79_000 },
    ]);
  });

  it("skips a backlog during which executors were already arriving (answers to earlier asks)", () => {
    const samples = requestLatencySamples({ episodes: [{ startMs: 10_000, endMs: 20_000 }], registrationsMs: [10_500, 16_000], schedulerBacklogTimeoutMs: 1000 });
    expect(samples).toEqual([]);
  });

  it("skips a backlog that asks before the executors requested at start registered (they answer the ask at start)", () => {
    // The min-initial-floors run: initialExecutors 4 asked at 0 ms and registered at 223.7-234.5 s;
    // the first stage's backlog (116.5 s) asked nothing new, yet 223.7 s is not a 106 s start-up.
    const episodes = [
      { startMs: 116_500, endMs: 223_800 },
      { startMs: 400_000, endMs: 500_000 },
    ];
    const registrationsMs = [223_700, 225_500, 228_200, 234_500, 470_000];
    const samples = requestLatencySamples({ episodes, registrationsMs, schedulerBacklogTimeoutMs: 1000, initialExecutors: 4 });
    expect(samples).toEqual([{ requestMs: 401_000, registeredMs: 470_000 }]);
    // Fewer registered than were asked for at start: every registration may answer that ask.
    expect(requestLatencySamples({ episodes, registrationsMs: [223_700, 470_000], schedulerBacklogTimeoutMs: 1000, initialExecutors: 4 })).toEqual([]);
  });

  it("gives what a scan of every registration per episode gives (property; it searches the sorted registrations)", () => {
    // The definition, written as a scan: quadratic in a long log, so no longer the code.
    const byScan = (p: { episodes: { startMs: number; endMs: number }[]; registrationsMs: number[]; schedulerBacklogTimeoutMs: number; initialExecutors: number }) => {
      const regs = [...p.registrationsMs].sort((a, b) => a - b);
      const initialAnsweredMs = p.initialExecutors <= 0 ? -Infinity : (regs[p.initialExecutors - 1] ?? Infinity);
      const out: { requestMs: number; registeredMs: number }[] = [];
      for (const e of p.episodes) {
        const requestMs = Math.ceil((e.startMs + p.schedulerBacklogTimeoutMs) / 100) * 100;
        if (e.endMs <= requestMs || requestMs < initialAnsweredMs) continue;
        if (regs.some((r) => r > e.startMs && r < requestMs)) continue;
        const registeredMs = regs.find((r) => r >= requestMs);
        if (registeredMs !== undefined && !out.some((o) => o.registeredMs === registeredMs)) out.push({ requestMs, registeredMs });
      }
      return out;
    };
    const ms = fc.oneof(fc.integer({ min: 0, max: 5000 }).map((n) => n * 100), fc.double({ min: 0, max: 500_000, noNaN: true }));
    const input = fc.record({
      episodes: fc.array(fc.tuple(ms, fc.integer({ min: 0, max: 60_000 })).map(([startMs, d]) => ({ startMs, endMs: startMs + d })), { maxLength: 12 }),
      registrationsMs: fc.array(ms, { maxLength: 12 }),
      schedulerBacklogTimeoutMs: fc.constantFrom(0, 1000, 1500, 5000),
      initialExecutors: fc.integer({ min: 0, max: 4 }),
    });
    fc.assert(fc.property(input, (p) => {
        expect(requestLatencySamples(p)).toEqual(byScan(p));
      }), { numRuns: 1000 });
  });
});

describe("kill-to-removed latency", () => {
  it("removal - (last task end + idle timeout), for idle releases within one idle timeout", () => {
    const executors = [exec("1", 0, 70_000), exec("2", 0, 63_500), exec("3", 0, 400_000), exec("4", 0, 65_000, "h1", "failure")];
    const lastTaskEndMs = new Map([
      ["1", 7000],
      ["3", 10_000],
    ]);
    // 1: 70 - 7 - 60 = 3 s; 2 ran nothing: 63.5 - 0 - 60; 3 is another timeout's; 4 failed.
    expect(removalLatencySamples({ executors, lastTaskEndMs, executorIdleTimeoutMs: 60_000 })).toEqual([3000, 3500]);
  });
});

describe("per-host peaks", () => {
  it("counts executors alive at once on each host, busiest first", () => {
    expect(hostPeaks([exec("1", 0, 10), exec("2", 5, 20), exec("3", 10, 30), exec("4", 0, 100, "h2")])).toEqual([
      { host: "h1", peak: 2 },
      { host: "h2", peak: 1 },
    ]);
  });
});

describe("contradiction with the logged config", () => {
  const timeline = [
    { timeMs: 6000, runningExecutors: 4 },
    { timeMs: 8000, runningExecutors: 10 },
  ];
  const demand = [{ timeMs: 4000, peakOutstandingTasks: 1 }];

  it("warns when more executors are alive than the config could have asked for, naming the setting that explains it", () => {
    const w = contradictionWarning({ facts, timeline, demand });
    expect(w).toMatch(/4 executors were alive at 6\.0 s \(up to 10 later\), but the logged settings could have asked for at most 1/);
    expect(w).toMatch(/spark\.dynamicAllocation\.initialExecutors=10/);
  });

  it("is silent when the config explains them: initial executors, demand, or static allocation", () => {
    expect(contradictionWarning({ facts: { ...facts, initialExecutors: 10 }, timeline, demand })).toBeUndefined();
    expect(contradictionWarning({ facts, timeline, demand: [{ timeMs: 4000, peakOutstandingTasks: 40 }] })).toBeUndefined();
    expect(contradictionWarning({ facts: { ...facts, dynamicAllocation: false }, timeline, demand })).toBeUndefined();
  });
});
