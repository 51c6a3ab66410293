import type { ClusterSpec, ResourceProfileSpec, StageSpec } from "../../sim/index.js";
import type { SparkListenerResourceProfileAdded } from "../eventlog/index.js";
import type { WorkloadCollector } from "./WorkloadCollector.js";

/** A logged profile as the scenario format says it; amounts the log leaves out come from the conf, as in Spark. */
function profileSpec(name: string, e: SparkListenerResourceProfileAdded): ResourceProfileSpec {
  const ex = e.executorResources;
  const task = e.taskResources;
  const int = (v: number | undefined): number | undefined => (v === undefined || !Number.isFinite(v) ? undefined : Math.round(v));
  const fields: Record<string, number | undefined> = {
    executorCores: int(ex.get("cores")),
    executorMemoryMiB: int(ex.get("memory")),
    executorMemoryOverheadMiB: int(ex.get("memoryOverhead")),
    executorGpus: int(ex.get("gpu")),
    taskCpus: int(task.get("cpus")),
    taskGpus: task.get("gpu"),
  };
  const kept = Object.fromEntries(Object.entries(fields).filter(([k, v]) => v !== undefined && (k === "executorGpus" || k === "executorMemoryOverheadMiB" ? v >= 0 : v > 0)));
  return { name, ...kept };
}

export interface LoggedProfiles {
  readonly specs: ResourceProfileSpec[];
  /** Each stage's profile name, by stage id (stages of the default profile are absent). */
  readonly stageProfile: ReadonlyMap<number, string>;
  readonly messages: string[];
}

/**
 * The non-default resource profiles the log's stages ran with (`SparkListenerResourceProfileAdded`
 * and each stage's "Resource Profile Id"), named `rp<id>` after the logged id. A stage whose
 * profile was never announced runs on the default profile (said in a message).
 */
export function loggedResourceProfiles(collector: WorkloadCollector): LoggedProfiles {
  const specs: ResourceProfileSpec[] = [];
  const names = new Map<number, string>();
  const stageProfile = new Map<number, string>();
  let unannounced = 0;
  for (const stage of [...collector.stages.values()].sort((a, b) => a.id - b.id)) {
    const id = stage.resourceProfileId;
    if (id === 0) continue;
    let name = names.get(id);
    const added = collector.resourceProfiles.get(id);
    if (name === undefined && added !== undefined) {
      name = `rp${id}`;
      names.set(id, name);
      specs.push(profileSpec(name, added));
    }
    if (name === undefined) unannounced++;
    else stageProfile.set(stage.id, name);
  }
  const messages = unannounced > 0 ? [`${unannounced} stage(s) name a resource profile the log never announces (no SparkListenerResourceProfileAdded): they run on the default profile`] : [];
  return { specs: specs.sort((a, b) => Number(a.name.slice(2)) - Number(b.name.slice(2))), stageProfile, messages };
}

/** The stage with its logged profile, if any. */
export function withStageProfile(stage: StageSpec, profiles: LoggedProfiles): StageSpec {
  const name = profiles.stageProfile.get(stage.id);
  return name === undefined ? stage : { ...stage, resourceProfile: name };
}

/** One line per profile for the extraction notes: `rp1: 2 cores, 2 GPUs; tasks 2 cpus, 2 GPUs`. */
export function describeProfiles(specs: readonly ResourceProfileSpec[]): string {
  return specs
    .map((s) => {
      const ex = [s.executorCores === undefined ? "" : `${s.executorCores} cores`, s.executorMemoryMiB === undefined ? "" : `${s.executorMemoryMiB} MiB`, s.executorGpus === undefined ? "" : `${s.executorGpus} GPU(s)`].filter((x) => x !== "");
      const task = [s.taskCpus === undefined ? "" : `${s.taskCpus} cpus`, s.taskGpus === undefined ? "" : `${s.taskGpus} GPU`].filter((x) => x !== "");
      return `${s.name} (executors ${ex.join(", ") || "as the default"}; tasks ${task.join(", ") || "as the default"})`;
    })
    .join(", ");
}

/**
 * Whether the replay runs the logged profiles on pools of their own: not when Spark ran them
 * without dynamic allocation (task-only profiles on the default executors), nor when the
 * replayed cluster caps capacity the pools would share (not modelled). Says which, and why.
 */
export function replayProfiles(logged: LoggedProfiles, dynamicAllocation: boolean, cluster: ClusterSpec, coresMax: string | undefined): { use: boolean; messages: string[] } {
  const messages = [...logged.messages];
  if (logged.specs.length === 0) return { use: false, messages };
  const stages = logged.stageProfile.size;
  const onDefault = `the ${stages} stage(s) of ${logged.specs.length} non-default resource profile(s) run on the default profile's executors`;
  if (!dynamicAllocation) {
    messages.push(`${onDefault}: dynamic allocation was off (task resource profiles share the default executors)`);
    return { use: false, messages };
  }
  const capped = cluster.nodes !== undefined || cluster.maxContainers !== undefined || (cluster.manager === "standalone" && coresMax !== undefined);
  if (capped) {
    messages.push(`${onDefault}: the replayed cluster caps capacity (nodes, container limit or spark.cores.max), which the pools of several profiles would share, and the simulator does not model that`);
    return { use: false, messages };
  }
  messages.push(`the log uses resource profiles (stage-level scheduling): ${stages} stage(s) run on executors of their own profile, each profile with its own target and pool: ${describeProfiles(logged.specs)}`);
  return { use: true, messages };
}

/** What a profile's start-up is measured from. */
export interface ProfileStartupInputs {
  readonly appStartEpochMs: number;
  readonly executors: ReadonlyArray<{ readonly resourceProfileId: number; readonly addedMs: number }>;
  readonly initialExecutors: number;
  readonly schedulerBacklogTimeoutMs: number;
  /** On YARN, the part of a request's latency before the container launches (AM heartbeats, RM allocation). */
  readonly containerArrivalMs: number;
}

/**
 * Each logged profile's own executor start-up: its first stage's submission (when Spark asks
 * for the profile's initial executors; with none, a backlog timeout later) to the first
 * registration of an executor of the profile, less the container's arrival on YARN. Executors
 * of another profile (GPU images, resource discovery) often start slower than the default's.
 */
export function withProfileStartups(logged: LoggedProfiles, collector: WorkloadCollector, p: ProfileStartupInputs): { specs: ResourceProfileSpec[]; lines: string[] } {
  const lines: string[] = [];
  const specs = logged.specs.map((spec) => {
    const logId = Number(spec.name.slice(2));
    const submitted = [...collector.stages.values()].filter((s) => s.resourceProfileId === logId && s.submittedEpochMs !== undefined).map((s) => s.submittedEpochMs! - p.appStartEpochMs);
    if (submitted.length === 0) return spec;
    const requestMs = Math.min(...submitted) + (p.initialExecutors > 0 ? 0 : p.schedulerBacklogTimeoutMs);
    const regs = p.executors.filter((e) => e.resourceProfileId === logId && e.addedMs >= requestMs).map((e) => e.addedMs);
    if (regs.length === 0) return spec;
    const first = Math.min(...regs);
    const ms = Math.max(0, Math.round(first - requestMs - p.containerArrivalMs));
    const less = p.containerArrivalMs > 0 ? `, less ${(p.containerArrivalMs / 1000).toFixed(1)} s for the container's arrival` : "";
    lines.push(`${spec.name} executor start-up ${(ms / 1000).toFixed(1)} s: its first stage asked for executors at ${(requestMs / 1000).toFixed(1)} s, the first registered at ${(first / 1000).toFixed(1)} s${less}`);
    return { ...spec, executorStartupMs: ms };
  });
  return { specs, lines };
}
