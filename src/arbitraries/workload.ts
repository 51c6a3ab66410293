import fc from "fast-check";
import type { DurationSpec, JobSpec, Scenario, StageSpec, UnpersistSpec } from "../../sim/index.js";

export interface WorkloadArbitraryOptions {
  readonly maxJobs?: number;
  readonly maxStagesPerJob?: number;
  readonly maxTasksPerStage?: number;
}

/** Task durations: constants, per-task lists, and the three seeded distributions. */
export function durationSpec(maxTasks: number): fc.Arbitrary<(tasks: number) => DurationSpec> {
  return fc.oneof(
    fc.integer({ min: 0, max: 60_000 }).map((ms) => () => ms),
    fc.array(fc.integer({ min: 0, max: 30_000 }), { minLength: maxTasks, maxLength: maxTasks }).map((list) => (tasks: number) => list.slice(0, tasks)),
    fc.tuple(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 40_000 })).map(([a, b]) => () => ({ distribution: "uniform" as const, minMs: Math.min(a, b), maxMs: Math.max(a, b) })),
    fc.integer({ min: 1, max: 20_000 }).map((meanMs) => () => ({ distribution: "exponential" as const, meanMs })),
    fc.tuple(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 30_000 })).map(([medianMs, more]) => () => ({ distribution: "lognormal" as const, medianMs, p95Ms: medianMs + more })),
  );
}

interface StageDraft {
  tasks: number;
  duration: (tasks: number) => DurationSpec;
  /** Parent offsets within the job (earlier stages of the same job). */
  parentPicks: number[];
  /** Reuse a map stage of an earlier job as a parent. */
  reusePick: number | undefined;
  writesShuffle: boolean;
  cacheRdd: number | undefined;
  /** Read an RDD an earlier job cached (locality: its tasks prefer the caching executors). */
  readsCachedPick: number | undefined;
  /** Input stored on the cluster's nodes (kept only when the scenario has nodes). */
  inputReplicas: number | undefined;
}

/**
 * Workloads: jobs with driver gaps (or absolute submission), stage DAGs within a job, shuffle
 * stages, reuse of earlier jobs' shuffles, cached RDDs (and stages of later jobs that read
 * them), input stored on nodes (`inputReplicas`, dropped by `scenario` without nodes) and unpersists. Stage and shuffle ids
 * are assigned in order, so every workload is a valid scenario.
 */
export function workload(options: WorkloadArbitraryOptions = {}): fc.Arbitrary<Scenario["workload"]> {
  const maxTasks = options.maxTasksPerStage ?? 24;
  const stage: fc.Arbitrary<StageDraft> = fc.record({
    tasks: fc.integer({ min: 1, max: maxTasks }),
    duration: durationSpec(maxTasks),
    parentPicks: fc.array(fc.nat(), { maxLength: 2 }),
    reusePick: fc.option(fc.nat(), { freq: 3, nil: undefined }),
    writesShuffle: fc.boolean(),
    cacheRdd: fc.option(fc.integer({ min: 0, max: 2 }), { freq: 3, nil: undefined }),
    readsCachedPick: fc.option(fc.nat(), { freq: 3, nil: undefined }),
    inputReplicas: fc.option(fc.integer({ min: 1, max: 3 }), { freq: 4, nil: undefined }),
  });
  const job = fc.record({
    stages: fc.array(stage, { minLength: 1, maxLength: options.maxStagesPerJob ?? 3 }),
    gapMs: fc.integer({ min: 0, max: 180_000 }),
    submitAtMs: fc.option(fc.integer({ min: 0, max: 300_000 }), { freq: 5, nil: undefined }),
    name: fc.option(fc.constantFrom("etl", "query", "train", "report"), { nil: undefined }),
  });
  return fc
    .record({
      jobs: fc.array(job, { minLength: 1, maxLength: options.maxJobs ?? 4 }),
      unpersists: fc.array(fc.record({ rdd: fc.integer({ min: 0, max: 2 }), atMs: fc.integer({ min: 0, max: 500_000 }) }), { maxLength: 2 }),
    })
    .map(({ jobs, unpersists }) => {
      let nextStageId = 0;
      const mapStagesSoFar: StageSpec[] = [];
      const cachedRdds = new Set<number>();
      const built: JobSpec[] = jobs.map((j) => {
        const own: StageSpec[] = [];
        const drafts = j.stages;
        const parentsOf: number[][] = drafts.map((d, i) => (i === 0 ? [] : [...new Set(d.parentPicks.map((p) => p % i))]));
        const isParent = new Set(parentsOf.flat());
        drafts.forEach((d, i) => {
          const id = nextStageId++;
          const parents = parentsOf[i]!.map((p) => own[p]!.id);
          if (d.reusePick !== undefined && mapStagesSoFar.length > 0) {
            const reused = mapStagesSoFar[d.reusePick % mapStagesSoFar.length]!.id;
            if (!parents.includes(reused)) parents.push(reused);
          }
          const earlierCached = [...cachedRdds];
          const reads = d.readsCachedPick === undefined || earlierCached.length === 0 ? undefined : earlierCached[d.readsCachedPick % earlierCached.length];
          const spec: StageSpec = {
            id,
            tasks: d.tasks,
            taskDurationMs: d.duration(d.tasks),
            parents,
            ...(isParent.has(i) || d.writesShuffle ? { shuffleId: id } : {}),
            ...(d.cacheRdd === undefined ? {} : { cacheRddId: d.cacheRdd }),
            ...(reads === undefined ? {} : { readsCachedRddId: reads }),
            ...(d.inputReplicas === undefined ? {} : { inputReplicas: d.inputReplicas }),
          };
          own.push(spec);
        });
        // Cached by this job: readable from the next job on.
        for (const d of drafts) if (d.cacheRdd !== undefined) cachedRdds.add(d.cacheRdd);
        for (const s of own) if (s.shuffleId !== undefined) mapStagesSoFar.push(s);
        return {
          ...(j.name === undefined ? {} : { name: j.name }),
          ...(j.submitAtMs === undefined ? { afterPreviousMs: j.gapMs } : { submitAtMs: j.submitAtMs }),
          stages: own,
        };
      });
      const unpersist: UnpersistSpec[] = unpersists.filter((u) => cachedRdds.has(u.rdd)).map((u) => ({ rddId: u.rdd, atMs: u.atMs }));
      return { jobs: built, unpersist };
    });
}

/** Executor start-up latency: constant, or a seeded distribution. */
export function executorStartup(): fc.Arbitrary<DurationSpec> {
  return fc.oneof(
    fc.integer({ min: 0, max: 20_000 }),
    fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 20_000 })).map(([a, b]): DurationSpec => ({ distribution: "uniform", minMs: a, maxMs: a + b })),
    fc.integer({ min: 1, max: 10_000 }).map((meanMs): DurationSpec => ({ distribution: "exponential", meanMs })),
  );
}
