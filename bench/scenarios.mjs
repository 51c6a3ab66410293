// Generated benchmark workloads: jobs of a lognormal map stage feeding an exponential reduce
// stage, with driver gaps, on a lognormal executor start-up.

/**
 * @param {{ name: string, seed: number, jobs: number, mapTasks: number, reduceTasks: number,
 *           gapMs: (job: number) => number, conf: Record<string, string> }} p
 */
export function mapReduceScenario(p) {
  const jobs = [];
  for (let j = 0; j < p.jobs; j++) {
    jobs.push({
      name: `job ${j}`,
      afterPreviousMs: j === 0 ? 0 : p.gapMs(j),
      stages: [
        { id: 2 * j, tasks: p.mapTasks, taskDurationMs: { distribution: "lognormal", medianMs: 2_000, p95Ms: 8_000 }, parents: [], shuffleId: j },
        { id: 2 * j + 1, tasks: p.reduceTasks, taskDurationMs: { distribution: "exponential", meanMs: 1_500 }, parents: [2 * j] },
      ],
    });
  }
  return {
    name: p.name,
    seed: p.seed,
    sparkVersion: "3.5",
    conf: { "spark.dynamicAllocation.enabled": "true", ...p.conf },
    cluster: { executorStartupMs: { distribution: "lognormal", medianMs: 8_000, p95Ms: 20_000 } },
    workload: { jobs, unpersist: [] },
  };
}

/** 20 jobs, each a 40,000-task map stage and a 10,000-task reduce stage, with driver gaps. */
export function millionTaskScenario(maxExecutors) {
  return mapReduceScenario({
    name: "bench-1m-tasks",
    seed: 42,
    jobs: 20,
    mapTasks: 40_000,
    reduceTasks: 10_000,
    gapMs: (j) => 20_000 + (j % 4) * 30_000,
    conf: {
      "spark.dynamicAllocation.maxExecutors": String(maxExecutors),
      "spark.dynamicAllocation.executorIdleTimeout": "30s",
      "spark.dynamicAllocation.shuffleTracking.timeout": "60s",
      "spark.executor.cores": "4",
    },
  });
}

/** 5 jobs, each a 16,000-task map stage and a 4,000-task reduce stage: 100,000 tasks. */
export function hundredKTaskScenario() {
  return mapReduceScenario({
    name: "bench-100k-tasks",
    seed: 7,
    jobs: 5,
    mapTasks: 16_000,
    reduceTasks: 4_000,
    gapMs: () => 30_000,
    conf: {
      "spark.dynamicAllocation.shuffleTracking.timeout": "60s",
      "spark.executor.cores": "4",
      "spark.executor.memory": "8g",
    },
  });
}
