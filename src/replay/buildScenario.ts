import { type ClusterManagerKind, type ClusterSpec, DEFAULT_YARN, type ExecutorLossSpec, executorsPerNode, type JobSpec, type NodesSpec, type Scenario, type UnpersistSpec } from "../../sim/index.js";
import type { ClusterEvidence } from "./ClusterEvidence.js";
import { clusterManagerOf, estimateCluster, median, type ClusterEstimates } from "./clusterEstimates.js";
import type { ObservedExecutors } from "../eventlog/index.js";
import type { DroppedAttempts, ExecutorStartupEstimate, ExtractionNotes } from "./ExtractionNotes.js";
import { estimateExecutorStartup, observedDriverReadyMs, seconds } from "./executorStartup.js";
import { type JobSpan, jobSubmissions } from "./jobTiming.js";
import { type ConfFacts, confFacts, isLocalMaster, localClusterWorkers, loggedConf, staticExecutorInstances } from "./loggedConf.js";
import { modelSparkVersion } from "./modelSparkVersion.js";
import { loggedResourceProfiles, replayProfiles, withProfileStartups, withStageProfile } from "./loggedProfiles.js";
import { buildStageSpecs } from "./stageSpecs.js";
import type { JobRecord, WorkloadCollector } from "./WorkloadCollector.js";

export interface ExtractOptions {
  /** Use this start-up latency instead of estimating it from the log (on YARN: container launch to registration). */
  readonly executorStartupMs?: number;
  /** Replay on this cluster manager instead of the one `spark.master` names. */
  readonly clusterManager?: ClusterManagerKind;
  /** Kill-to-removed latency instead of the estimate. */
  readonly executorRemovalMs?: number;
  /** YARN: application start to the AM's first heartbeat, instead of the estimate. */
  readonly amStartupMs?: number;
  /** Cap executors alive at once (the log's per-host peaks are only a hint). */
  readonly maxContainers?: number;
  /** Submit every job at its logged start time instead of keeping the driver's gaps (unset: only when losses are replayed at logged times). */
  readonly loggedSubmitTimes?: boolean;
  /**
   * How the executor losses the log shows are replayed: each lost executor id as long after
   * it registered as in the log (`afterAdded`), at the logged time (`at`, default: jobs then keep
   * their logged submission times unless `loggedSubmitTimes` is false), or not at all (`none`).
   */
  readonly lossForm?: "afterAdded" | "at" | "none";
}

const MAX_JOB_NAME = 80;

/** A job's name in the scenario; `shown` keeps one shortened text per distinct description (logs repeat them). */
function jobName(record: JobRecord, shown: Map<string, string>): string {
  const base = record.jobId >= 0 ? `job ${record.jobId}` : "job";
  if (record.description === undefined || record.description.trim() === "") return base;
  let text = shown.get(record.description);
  if (text === undefined) {
    const d = record.description.replace(/\s+/g, " ").trim();
    shown.set(record.description, (text = d.length > MAX_JOB_NAME ? `${d.slice(0, MAX_JOB_NAME - 3)}...` : d));
  }
  return `${base}: ${text}`;
}

/** The scenario and notes from a fully fed collector and the executors observed in the same pass. */
export function buildScenario(
  collector: WorkloadCollector,
  observed: ObservedExecutors,
  options: ExtractOptions = {},
  evidence?: ClusterEvidence,
): { scenario: Scenario; notes: ExtractionNotes } {
  const messages: string[] = [];
  const version = modelSparkVersion(collector.loggedSparkVersion);
  if (version.note !== undefined) messages.push(version.note);

  const { conf, messages: confMessages } = loggedConf(collector.properties, observed.executors.map((e) => e.totalCores));
  messages.push(...confMessages);
  const localMode = isLocalMaster(conf["spark.master"]);
  const managerOf =
    options.clusterManager !== undefined
      ? { manager: options.clusterManager, evidence: `cluster manager ${options.clusterManager} (given; spark.master=${conf["spark.master"] ?? "not logged"})` }
      : clusterManagerOf(conf["spark.master"]);
  if (localMode) {
    messages.push(
      `local mode (spark.master=${conf["spark.master"]}): Spark runs no dynamic allocation there and the log has no executor timeline to compare with; ` +
        "the cluster is simulated from the logged conf (Spark's static default of 2 executors unless --conf says otherwise)",
    );
  }
  let { facts, messages: factMessages } = confFacts(conf, version.model);
  messages.push(...factMessages);
  const instances = staticExecutorInstances(conf, facts.dynamicAllocation, {
    aliveAtFirstJob: executorsAliveAtFirstJob(collector, observed),
    peak: observed.peakExecutors,
  });
  if (instances !== undefined) {
    conf["spark.executor.instances"] = String(instances.instances);
    messages.push(instances.message);
    // The start-up and driver-ready estimates wait for this many executors.
    facts = confFacts(conf, version.model).facts;
  }

  const graph = buildStageSpecs(collector);
  messages.push(...graph.messages);

  const start = observed.appStartEpochMs;
  const rel = (epochMs: number): number => Math.max(0, epochMs - start);
  const spans: JobSpan[] = [];
  let previousEndMs = 0;
  let driverTimeInsideJobsMs = 0;
  for (const { record } of graph.jobs) {
    const firstStageEpoch = minOf(record.stages.map((s) => s.submittedEpochMs));
    // 1.2 logs have no job times: the job spans its stages.
    const startMs = rel(record.startEpochMs ?? firstStageEpoch ?? start + previousEndMs);
    const lastStageEpoch = maxOf(record.stages.map((s) => s.completedEpochMs));
    // No JobEnd: a truncated log, the job still ran at the cut.
    const endMs = Math.max(startMs, rel(record.endEpochMs ?? lastStageEpoch ?? collector.latestEpochMs));
    if (firstStageEpoch !== undefined) driverTimeInsideJobsMs += Math.max(0, rel(firstStageEpoch) - startMs);
    spans.push({ startMs, endMs });
    previousEndMs = endMs;
  }

  const driverReadyMs = observedDriverReadyMs({
    facts,
    timeline: observed.timeline,
    firstJobStartMs: spans[0]?.startMs,
    localMode,
  });
  // Losses at their logged times hit the work they hit in the log only if jobs keep their
  // logged times too: a log with losses replays with logged submit times unless told otherwise.
  const lossForm = options.lossForm ?? "at";
  const losses = lossForm === "none" ? { specs: [], message: undefined } : loggedExecutorLosses(observed, lossForm);
  const lossesPinTimes = lossForm === "at" && losses.specs.length > 0 && options.loggedSubmitTimes === undefined;
  const loggedSubmitTimes = options.loggedSubmitTimes === true || lossesPinTimes;
  const submissions = jobSubmissions(spans, driverReadyMs, loggedSubmitTimes);
  const concurrent = loggedSubmitTimes ? 0 : submissions.filter((s) => "submitAtMs" in s).length;
  if (concurrent > 0) messages.push(`${concurrent} job(s) started before the previous job ended (concurrent jobs): they keep their logged start time`);
  if (lossesPinTimes) {
    messages.push("every job is submitted at its logged start time, as the executor losses are replayed at their logged times (--no-logged-submit-times to keep driver gaps instead)");
  } else if (loggedSubmitTimes) {
    messages.push("every job is submitted at its logged start time (--logged-submit-times): driver gaps are not kept relative to job ends");
  }

  const logged = loggedResourceProfiles(collector);
  const shown = new Map<string, string>();
  const jobs: JobSpec[] = graph.jobs.map(({ record, stages }, i) => ({ name: jobName(record, shown), ...submissions[i]!, stages: stages.map((st) => withStageProfile(st, logged)) }));

  const summary = evidence?.summarize(observed.appStartEpochMs) ?? { episodes: [], demand: [] };
  const lastTaskEndMs = new Map([...(evidence?.lastTaskEndEpochMs ?? new Map<string, number>())].map(([id, t]) => [id, t - observed.appStartEpochMs]));
  const estimates = estimateCluster({
    manager: managerOf,
    facts,
    localMode,
    executors: observed.executors,
    timeline: observed.timeline,
    episodes: summary.episodes,
    demand: summary.demand,
    lastTaskEndMs,
    resourceProfiles: new Set([...collector.resourceProfileIds, ...[...collector.stages.values()].map((s) => s.resourceProfileId)]).size,
  });
  const baseStartup = startupEstimate(options, facts, observed, collector, localMode);
  const workers = estimates.manager === "standalone" ? localClusterNodes(conf["spark.master"], facts) : undefined;
  const { startup, cluster, lines } = clusterSpec(options, facts, observed, localMode, estimates, baseStartup, workers);
  const cached = new Set(jobs.flatMap((j) => j.stages.flatMap((s) => (s.cacheRddId === undefined ? [] : [s.cacheRddId]))));
  const unpersist: UnpersistSpec[] = collector.unpersists.filter((u) => cached.has(u.rddId)).map((u) => ({ rddId: u.rddId, atMs: rel(u.epochMs) }));

  const profiles = replayProfiles(logged, facts.dynamicAllocation, cluster, conf["spark.cores.max"]);
  messages.push(...profiles.messages);
  const profileStartups = withProfileStartups(logged, collector, {
    appStartEpochMs: observed.appStartEpochMs,
    executors: observed.executors,
    initialExecutors: facts.initialExecutors,
    schedulerBacklogTimeoutMs: facts.schedulerBacklogTimeoutMs,
    containerArrivalMs: estimates.manager === "yarn" ? estimates.containerArrivalMs : 0,
  });
  // Measured per profile unless the start-up is given.
  const profileSpecs = options.executorStartupMs === undefined ? profileStartups.specs : logged.specs;
  if (profiles.use && options.executorStartupMs === undefined) lines.push(...profileStartups.lines);
  const speculation = speculationNote(conf, collector);
  if (speculation !== undefined) messages.push(speculation);
  if (collector.taskEndsOfUnknownStages > 0) messages.push(`${collector.taskEndsOfUnknownStages} TaskEnd event(s) of stages never submitted in the log were ignored`);
  if (graph.tasksWithMeanDuration > 0) {
    messages.push(`${graph.tasksWithMeanDuration} task(s) never finished successfully in the log (truncated log or failed stage): given their stage's mean duration`);
  }
  if (graph.jobsWithoutStages > 0) messages.push(`${graph.jobsWithoutStages} job(s) ran no stage of their own (all skipped or empty): their time counts as driver time`);

  if (losses.message !== undefined) messages.push(losses.message);

  const lastJobEndMs = spans.length > 0 ? Math.max(...spans.map((s) => s.endMs)) : 0;
  const driverTimeAfterLastJobMs = Math.max(0, observed.runTimeMs - lastJobEndMs);
  const dropped = droppedAttempts(collector, graph.unusedLaterAttempts);

  const scenario: Scenario = {
    name: collector.appName !== "" ? collector.appName : (collector.appId ?? "replay"),
    seed: 1,
    sparkVersion: version.version,
    conf,
    // A Kubernetes master ran Spark's pod allocator: replay with it (batches, kept pending pods).
    cluster: { ...cluster, ...(losses.specs.length > 0 ? { executorLosses: losses.specs } : {}) },
    // The driver's time after its last job (writing results, spark.stop()) is kept, so
    // executors still alive then are counted as they were in the logged run.
    workload: {
      jobs: profiles.use ? jobs : jobs.map((j) => ({ ...j, stages: j.stages.map(({ resourceProfile: _, ...st }) => st) })),
      unpersist,
      ...(profiles.use ? { resourceProfiles: profileSpecs } : {}),
      ...(driverTimeAfterLastJobMs > 0 ? { endAfterLastJobMs: driverTimeAfterLastJobMs } : {}),
    },
  };
  const tasks = jobs.reduce((n, j) => n + j.stages.reduce((m, s) => m + s.tasks, 0), 0);
  const stageCount = jobs.reduce((n, j) => n + j.stages.length, 0);
  const notes: ExtractionNotes = {
    appName: scenario.name,
    appId: collector.appId,
    loggedSparkVersion: collector.loggedSparkVersion,
    modelSparkVersion: version.version,
    localMode,
    executorStartup: startup,
    cluster: { lines, warnings: estimates.warning === undefined ? [] : [estimates.warning] },
    driverReadyObservedMs: driverReadyMs,
    driverTimeAfterLastJobMs,
    driverTimeInsideJobsMs,
    counts: {
      jobs: jobs.length,
      jobsWithoutStages: graph.jobsWithoutStages,
      stages: stageCount,
      stageAttempts: collector.stageAttempts,
      tasks,
      taskEnds: collector.taskEnds,
      tasksFromLaterAttempt: graph.tasksFromLaterAttempt,
      tasksWithMeanDuration: graph.tasksWithMeanDuration,
      parentsNeverRun: graph.parentsNeverRun,
      shuffleStages: jobs.reduce((n, j) => n + j.stages.filter((s) => s.shuffleId !== undefined).length, 0),
      cachingStages: jobs.reduce((n, j) => n + j.stages.filter((s) => s.cacheRddId !== undefined).length, 0),
      unpersists: unpersist.length,
      unpersistsIgnored: collector.unpersists.length - unpersist.length,
    },
    dropped,
    ...(losses.specs.length > 0 ? { lossesReplayed: losses.specs.length } : {}),
    ...(conf["spark.speculation"]?.trim().toLowerCase() === "true" ? { speculationReplayed: true } : {}),
    messages,
  };
  return { scenario, notes };
}

function startupEstimate(
  options: ExtractOptions,
  facts: ConfFacts,
  observed: ObservedExecutors,
  collector: WorkloadCollector,
  localMode: boolean,
): ExecutorStartupEstimate {
  if (options.executorStartupMs !== undefined) {
    const ms = Math.max(0, Math.round(options.executorStartupMs));
    return { executorStartupMs: ms, method: "given", sampleMs: [], description: `executor start-up ${seconds(ms)} (given)` };
  }
  const firstEpoch = collector.firstStage?.submittedEpochMs;
  return estimateExecutorStartup({
    facts,
    registrationsMs: observed.executors.map((e) => e.addedMs),
    firstStageSubmittedMs: firstEpoch === undefined ? undefined : Math.max(0, firstEpoch - observed.appStartEpochMs),
    localMode,
  });
}

/**
 * The scenario's cluster from the estimates and the overrides. YARN splits the measured
 * request-to-registration latency into the container's arrival (AM heartbeats, the RM's
 * allocation) and its launch; the initial executors' extra wait is the AM's start-up.
 */
function clusterSpec(
  options: ExtractOptions,
  facts: ConfFacts,
  observed: ObservedExecutors,
  localMode: boolean,
  est: ClusterEstimates,
  base: ExecutorStartupEstimate,
  workers?: { readonly nodes: NodesSpec; readonly line: string },
): { startup: ExecutorStartupEstimate; cluster: ClusterSpec; lines: string[] } {
  const lines = [...est.lines];
  if (workers !== undefined) lines.push(workers.line);
  const yarn = est.manager === "yarn";
  let startup = base;
  const measured = options.executorStartupMs === undefined ? est.requestLatencyMs : undefined;
  if (measured !== undefined) {
    const launch = Math.max(0, measured - est.containerArrivalMs);
    startup = {
      executorStartupMs: launch,
      method: "requested-executors",
      sampleMs: est.requestSamples.map((s) => s.registeredMs - s.requestMs),
      description: yarn
        ? `executor start-up ${seconds(launch)}: container launch to registration (requested executors register ${seconds(measured)} after the request, less ${seconds(est.containerArrivalMs)} for the AM heartbeats and the RM's allocation)`
        : `executor start-up ${seconds(launch)}: median request-to-registration of the executors dynamic allocation asked for`,
    };
  } else if (yarn && base.method !== "given" && base.method !== "default") {
    const launch = Math.max(0, base.executorStartupMs - est.containerArrivalMs);
    startup = { ...base, executorStartupMs: launch, description: `${base.description}; less ${seconds(est.containerArrivalMs)} for the AM heartbeats and the RM's allocation: ${seconds(launch)} container launch` };
  }
  let amStartupMs = 0;
  if (yarn) {
    const initialRegs = observed.executors.map((e) => e.addedMs).sort((a, b) => a - b).slice(0, facts.initialExecutors);
    if (options.amStartupMs !== undefined) {
      amStartupMs = Math.max(0, Math.round(options.amStartupMs));
      lines.push(`ApplicationMaster start-up ${seconds(amStartupMs)} (given)`);
    } else if (measured !== undefined && !localMode && initialRegs.length > 0) {
      const m = median(initialRegs);
      amStartupMs = Math.max(0, m - measured);
      lines.push(
        `ApplicationMaster start-up ${seconds(amStartupMs)}: the ${initialRegs.length} executors requested at start registered at ${seconds(m)} (median), ` +
          `${seconds(measured)} of which is a requested executor's start-up`,
      );
    } else {
      lines.push(`ApplicationMaster start-up 0.0 s: ${initialRegs.length === 0 ? "no executor was requested at start" : "no requested executor to tell it from the executors' own start-up"} (set --am-startup-ms)`);
    }
  }
  let removalMs = est.executorRemovalMs;
  if (options.executorRemovalMs !== undefined) {
    removalMs = Math.max(0, Math.round(options.executorRemovalMs));
    lines.push(`kill-to-removed latency ${seconds(removalMs)} (given)`);
  }
  if (options.maxContainers !== undefined) lines.push(`at most ${options.maxContainers} executors at once (given --max-containers)`);
  lines.push(startup.description);
  // Off YARN there is no ApplicationMaster to hold the executors asked for at start, yet on a
  // busy machine they can take far longer than later requests (the application itself starting):
  // they keep their measured start-up, and later requests the reconstructed one (a list: the
  // first `initial` requests, then the last value for every later one).
  const initialStartupMs = !yarn && measured !== undefined && base.method === "initial-executors" ? base.executorStartupMs : undefined;
  if (initialStartupMs !== undefined) {
    lines.push(`the ${facts.initialExecutors} executor(s) asked for at start keep their own start-up ${seconds(initialStartupMs)} (median registration time); later requests ${seconds(startup.executorStartupMs)}`);
  }
  const cluster: ClusterSpec = {
    executorStartupMs: initialStartupMs === undefined ? startup.executorStartupMs : [...new Array<number>(facts.initialExecutors).fill(initialStartupMs), startup.executorStartupMs],
    ...(est.manager === "generic" ? {} : { manager: est.manager }),
    ...(removalMs > 0 ? { executorRemovalMs: removalMs } : {}),
    ...(yarn ? { yarn: { amStartupMs, containerAllocationMs: DEFAULT_YARN.containerAllocationMs } } : {}),
    ...(options.maxContainers === undefined ? {} : { maxContainers: options.maxContainers }),
    ...(workers === undefined ? {} : { nodes: workers.nodes }),
  };
  return { startup, cluster, lines };
}

/**
 * The workers of a `local-cluster[N, cores, memory]` log as `cluster.nodes` for the standalone
 * Master: their cores, and their memory when an executor's heap fits in it (else Spark would
 * not have launched any: the memory the conf says is then not the one that ran, and is left out).
 */
function localClusterNodes(master: string | undefined, facts: ConfFacts): { nodes: NodesSpec; line: string } | undefined {
  const w = localClusterWorkers(master);
  if (w === undefined) return undefined;
  const f = facts.standaloneFootprint;
  const memoryFits = f.memoryMiB <= w.memoryMiB;
  const nodes: NodesSpec = memoryFits ? { count: w.count, cores: w.cores, memoryMiB: w.memoryMiB } : { count: w.count, cores: w.cores };
  const fit = executorsPerNode(nodes, f);
  const memory = memoryFits ? `${w.memoryMiB} MiB` : `${w.memoryMiB} MiB (not applied: less than the ${f.memoryMiB} MiB executor heap the logged conf gives)`;
  return { nodes, line: `standalone workers: ${w.count} of ${w.cores} cores, ${memory} (spark.master=${master}): ${fit} executor(s) of ${f.cores} core(s) fit on each` };
}

function droppedAttempts(collector: WorkloadCollector, unusedLater: { count: number; taskMs: number }): DroppedAttempts {
  const d = collector.dropped;
  return {
    failed: { ...d.failed },
    killed: { ...d.killed },
    duplicate: { count: d.duplicate.count + unusedLater.count, taskMs: d.duplicate.taskMs + unusedLater.taskMs },
    speculative: { ...d.speculative },
    resubmitted: d.resubmitted,
  };
}

/** Executors alive when the first job started (its JobStart, else its first stage); 0 when no job has a time. */
function executorsAliveAtFirstJob(collector: WorkloadCollector, observed: ObservedExecutors): number {
  const firstEpoch = minOf(collector.jobs.map((j) => j.startEpochMs)) ?? collector.firstStage?.submittedEpochMs;
  if (firstEpoch === undefined) return 0;
  const atMs = firstEpoch - observed.appStartEpochMs;
  // The running count after the changes at or before atMs (0 before the timeline starts).
  let running = 0;
  for (const p of observed.timeline) {
    if (p.timeMs > atMs) break;
    running = p.runningExecutors;
  }
  return running;
}

function minOf(values: readonly (number | undefined)[]): number | undefined {
  let out: number | undefined;
  for (const v of values) if (v !== undefined && (out === undefined || v < out)) out = v;
  return out;
}

function maxOf(values: readonly (number | undefined)[]): number | undefined {
  let out: number | undefined;
  for (const v of values) if (v !== undefined && (out === undefined || v > out)) out = v;
  return out;
}

// Removal reasons of a node or container taken away from the application, not a crash of it.
const INTERRUPTION_PATTERNS: readonly RegExp[] = [/preempt/i, /decommission/i, /spot/i, /lost worker/i, /node (was )?lost/i, /worker lost/i];

/**
 * The executors the log shows lost (removed for a reason other than the driver's kill, see
 * `classifyRemovalReason`), as injected losses of the same executor ids: at the logged time,
 * or later if the simulated executor registered later and has not lived its logged lifetime
 * by then (`at`, the default); or as long after its registration as in the log (`afterAdded`).
 */
export function loggedExecutorLosses(observed: ObservedExecutors, form: "afterAdded" | "at"): { specs: ExecutorLossSpec[]; message: string | undefined } {
  const specs: ExecutorLossSpec[] = [];
  const skipped: string[] = [];
  for (const e of observed.executors) {
    if (e.removal !== "failure") continue;
    if (!/^[1-9]\d*$/.test(e.executorId)) {
      skipped.push(e.executorId);
      continue;
    }
    const cause = INTERRUPTION_PATTERNS.some((p) => p.test(e.removalReason ?? "")) ? "interruption" : "failure";
    const afterAddedMs = Math.max(0, e.removedMs - e.addedMs);
    specs.push(form === "at" ? { afterAddedMs, atMs: e.removedMs, executorId: e.executorId, cause } : { afterAddedMs, executorId: e.executorId, cause });
  }
  if (specs.length === 0 && skipped.length === 0) return { specs, message: undefined };
  const counted = specs.filter((s) => s.cause === "failure").length;
  const parts = [
    `${specs.length} executor loss${specs.length === 1 ? "" : "es"} the log shows (removed with a failure reason) replayed as injected losses of the same executor ids ` +
      `(${counted} counted toward spark.task.maxFailures, ${specs.length - counted} interruptions)`,
  ];
  if (skipped.length > 0) parts.push(`${skipped.length} lost executor(s) with non-numeric ids not replayed (${skipped.slice(0, 3).join(", ")})`);
  return { specs, message: parts.join("; ") };
}

/** What the log shows of speculative execution and what the replay does with it. */
function speculationNote(conf: Readonly<Record<string, string>>, collector: WorkloadCollector): string | undefined {
  const on = conf["spark.speculation"]?.trim().toLowerCase() === "true";
  const starts = collector.speculativeTaskStarts;
  if (!on && starts === 0) return undefined;
  const won = starts - collector.dropped.speculative.count;
  const ran = `${starts} speculative task cop${starts === 1 ? "y" : "ies"} ran in the log (${won} won, ${starts - won} killed or failed)`;
  if (!on) return `${ran}, but its config has spark.speculation off: the simulation launches none`;
  return (
    `spark.speculation=true in the logged config: the simulation launches copies by Spark's rule (${ran}); ` +
    "a copy takes its task's duration from the log (its first successful attempt), so where the log's copy won, the simulated original is as fast as that copy"
  );
}
