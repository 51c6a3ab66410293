import { describe, expect, it } from "vitest";
import { validateScenario } from "../../src/scenario/index.js";

const workload = { jobs: [{ stages: [{ id: 0, tasks: 1, taskDurationMs: 1000 }] }] };

describe("scenario cluster section", () => {
  it("reads the YARN manager, removal latency and capacity with defaults", () => {
    const r = validateScenario({ cluster: { manager: "yarn", executorRemovalMs: 3000, maxContainers: 20, yarn: { amStartupMs: 12_000 } }, workload });
    expect(r.ok && r.scenario.cluster).toEqual({
      executorStartupMs: 10_000,
      manager: "yarn",
      executorRemovalMs: 3000,
      maxContainers: 20,
      yarn: { amStartupMs: 12_000, containerAllocationMs: 1000 },
    });
  });

  it("leaves everything new unset when the scenario says nothing (today's behaviour)", () => {
    const r = validateScenario({ workload });
    expect(r.ok && r.scenario.cluster).toEqual({ executorStartupMs: 10_000 });
  });

  it("reports every bad value with its path, and yarn settings without manager: yarn", () => {
    const r = validateScenario({ cluster: { manager: "mesos", maxContainers: 0, executorRemovalMs: -1, yarn: { amStartupMs: "5s", heartbeat: 1 } }, workload });
    expect(r.ok).toBe(false);
    const paths = r.ok ? [] : r.issues.map((i) => `${i.path} ${i.code}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        "cluster.manager invalid-value",
        "cluster.maxContainers too-small",
        "cluster.executorRemovalMs too-small",
        "cluster.yarn invalid-value",
        "cluster.yarn.amStartupMs invalid-type",
        "cluster.yarn.heartbeat unknown-key",
      ]),
    );
  });
});

describe("cluster.nodes", () => {
  it("reads nodes and the autoscaler with its defaults, and refuses the autoscaler on YARN and below count", () => {
    const ok = validateScenario({ cluster: { nodes: { count: 2, executorsPerNode: 4, autoscaler: { maxNodes: 5 } } }, workload });
    expect(ok.ok && ok.scenario.cluster.nodes).toEqual({ count: 2, executorsPerNode: 4, autoscaler: { maxNodes: 5, scaleUpDelayMs: 60_000, scaleDownIdleMs: 600_000 } });
    const bad = validateScenario({ cluster: { manager: "yarn", nodes: { count: 3, executorsPerNode: 0, autoscaler: { maxNodes: 2 } } }, workload });
    expect(bad.ok ? [] : bad.issues.map((i) => `${i.path} ${i.code}`)).toEqual(
      expect.arrayContaining(["cluster.nodes.autoscaler invalid-value", "cluster.nodes.executorsPerNode too-small", "cluster.nodes.autoscaler.maxNodes too-small"]),
    );
  });

  it("reads a node's resources (cores, memoryMiB, gpus) instead of executorsPerNode, on YARN and standalone too", () => {
    const r = validateScenario({ cluster: { manager: "yarn", nodes: { count: 4, cores: 16, memoryMiB: 65_536, gpus: 2 } }, workload });
    expect(r.ok && r.scenario.cluster.nodes).toEqual({ count: 4, cores: 16, memoryMiB: 65_536, gpus: 2 });
    const s = validateScenario({ cluster: { manager: "standalone", standalone: { spreadOut: false }, nodes: { count: 2, cores: 8 } }, workload });
    expect(s.ok && s.scenario.cluster).toMatchObject({ manager: "standalone", standalone: { spreadOut: false }, nodes: { count: 2, cores: 8 } });
  });

  it("refuses nodes with neither or both of executorsPerNode and resources, and standalone settings elsewhere", () => {
    const neither = validateScenario({ cluster: { nodes: { count: 2 } }, workload });
    expect(neither.ok ? [] : neither.issues.map((i) => `${i.path} ${i.code}`)).toEqual(["cluster.nodes required"]);
    const both = validateScenario({ cluster: { nodes: { count: 2, executorsPerNode: 2, cores: 8, memoryMiB: 0 }, standalone: { spreadOut: "yes" } }, workload });
    expect(both.ok ? [] : both.issues.map((i) => `${i.path} ${i.code}`)).toEqual(
      expect.arrayContaining(["cluster.nodes invalid-value", "cluster.nodes.memoryMiB too-small", "cluster.standalone invalid-value", "cluster.standalone.spreadOut invalid-type"]),
    );
  });
});

describe("cluster.kubernetes", () => {
  it("reads pod start-up stages and the termination grace period (default 30 s)", () => {
    const podStartup = { schedulingMs: 500, imagePullMs: { distribution: "lognormal", medianMs: 8000, p95Ms: 40_000 }, containerStartMs: 1000, registrationMs: [4000, 3000] };
    const r = validateScenario({ cluster: { manager: "kubernetes", kubernetes: { podStartup } }, workload });
    expect(r.ok && r.scenario.cluster.kubernetes).toEqual({ podStartup, terminationGracePeriodMs: 30_000 });
    const g = validateScenario({ cluster: { manager: "kubernetes", kubernetes: { terminationGracePeriodMs: 5000 } }, workload });
    expect(g.ok && g.scenario.cluster.kubernetes).toEqual({ terminationGracePeriodMs: 5000 });
  });

  it("refuses a missing stage, stages beside executorStartupMs, an unknown key and the section on another manager", () => {
    const r = validateScenario({ cluster: { executorStartupMs: 3000, kubernetes: { podStartup: { schedulingMs: 0, imagePullMs: 0, containerStartMs: -1, pull: 1 }, grace: 1 } }, workload });
    const paths = r.ok ? [] : r.issues.map((i) => `${i.path} ${i.code}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        "cluster.kubernetes invalid-value",
        "cluster.kubernetes.grace unknown-key",
        "cluster.kubernetes.podStartup invalid-value",
        "cluster.kubernetes.podStartup.pull unknown-key",
        "cluster.kubernetes.podStartup.containerStartMs too-small",
        "cluster.kubernetes.podStartup.registrationMs required",
      ]),
    );
  });
});
