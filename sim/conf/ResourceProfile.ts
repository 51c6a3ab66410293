import type { SparkConf } from "./SparkConf.js";
import type { DurationSpec, ResourceProfileSpec, Scenario, StageSpec } from "../scenario/Scenario.js";

/** `ResourceProfile.DEFAULT_RESOURCE_PROFILE_ID`. */
export const DEFAULT_RESOURCE_PROFILE_ID = 0;
/** `ResourceProfile.UNKNOWN_RESOURCE_PROFILE_ID`: an executor seen in a task event before it was added. */
export const UNKNOWN_RESOURCE_PROFILE_ID = -1;

/** The `resourceProfileId` field of an event: left out for the default profile, so single-profile outputs are unchanged. */
export function profileField(resourceProfileId: number): { readonly resourceProfileId?: number } {
  return resourceProfileId === DEFAULT_RESOURCE_PROFILE_ID ? {} : { resourceProfileId };
}

/** `ResourceUtils.calculateAmountAndPartsForFraction`: a task amount <= 0.5 shares one unit among floor(1 / amount) tasks. */
export function amountAndPartsForFraction(taskAmount: number): { readonly numPerTask: number; readonly parts: number } {
  if (taskAmount <= 0.5) return { numPerTask: 1, parts: Math.floor(1 / taskAmount) };
  return { numPerTask: Math.ceil(taskAmount), parts: 1 };
}

/**
 * One resource profile (`ResourceProfile`): what its executors ask for and what each task
 * needs, amounts the profile leaves out filled from the conf. `maxTasksPerExecutor` is Spark's
 * `calculateTasksAndLimitingResource`: executor cores / task cpus, lowered by GPUs when tasks
 * ask for them.
 */
export class ResourceProfile {
  readonly maxTasksPerExecutor: number;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly executorCores: number,
    readonly executorMemoryMiB: number,
    readonly executorMemoryOverheadMiB: number,
    readonly executorGpus: number,
    readonly taskCpus: number,
    readonly taskGpus: number,
    /** The default profile keeps the conf's slot count (`spark.executor.cores / spark.task.cpus`). */
    tasksPerExecutor?: number,
    /** The cluster side: its executors' start-up when the scenario gives one (else the cluster's). */
    readonly executorStartupMs?: DurationSpec,
  ) {
    this.maxTasksPerExecutor = tasksPerExecutor ?? ResourceProfile.tasksFor(executorCores, taskCpus, executorGpus, taskGpus);
  }

  private static tasksFor(cores: number, cpus: number, gpus: number, taskGpus: number): number {
    let limit = Math.floor(cores / cpus);
    if (taskGpus > 0) {
      const { numPerTask, parts } = amountAndPartsForFraction(taskGpus);
      limit = Math.min(limit, Math.floor((gpus * parts) / numPerTask));
    }
    return limit;
  }

  get isDefault(): boolean {
    return this.id === DEFAULT_RESOURCE_PROFILE_ID;
  }
}

/** YARN's and Kubernetes' overhead for a profile that gives none: 10 % of the heap, at least 384 MiB. */
function defaultOverheadMiB(memoryMiB: number): number {
  return Math.max(384, Math.floor(0.1 * memoryMiB));
}

/**
 * The application's resource profiles (`ResourceProfileManager`): the default one from the
 * conf (id 0) and the scenario's, ids 1, 2, ... in the order listed.
 */
export class ResourceProfileManager {
  readonly defaultProfile: ResourceProfile;
  private readonly byId = new Map<number, ResourceProfile>();
  private readonly byName = new Map<string, ResourceProfile>();

  constructor(conf: SparkConf, specs: readonly ResourceProfileSpec[] = []) {
    const overhead = conf.executorContainerMemoryMiB - conf.executorMemoryMiB;
    this.defaultProfile = new ResourceProfile(0, "default", conf.executorCores, conf.executorMemoryMiB, overhead, conf.executorGpus, conf.taskCpus, 0, conf.tasksPerExecutor);
    this.byId.set(0, this.defaultProfile);
    for (const spec of specs) this.addResourceProfile(spec);
  }

  /** `addResourceProfile`: the next id (1, 2, ...), amounts left out taken from the conf. */
  addResourceProfile(s: ResourceProfileSpec): ResourceProfile {
    const d = this.defaultProfile;
    const memory = s.executorMemoryMiB ?? d.executorMemoryMiB;
    const overhead = s.executorMemoryOverheadMiB ?? (s.executorMemoryMiB === undefined ? d.executorMemoryOverheadMiB : defaultOverheadMiB(memory));
    const cores = s.executorCores ?? d.executorCores;
    const rp = new ResourceProfile(this.byId.size, s.name, cores, memory, overhead, s.executorGpus ?? d.executorGpus, s.taskCpus ?? d.taskCpus, s.taskGpus ?? 0, undefined, s.executorStartupMs);
    this.byId.set(rp.id, rp);
    this.byName.set(rp.name, rp);
    return rp;
  }

  static of(scenario: Scenario, conf: SparkConf): ResourceProfileManager {
    return new ResourceProfileManager(conf, scenario.workload.resourceProfiles);
  }

  /** Every profile, the default first. */
  get profiles(): readonly ResourceProfile[] {
    return [...this.byId.values()];
  }

  /** Whether any profile besides the default exists. */
  get hasCustomProfiles(): boolean {
    return this.byId.size > 1;
  }

  /** `resourceProfileFromId`. */
  resourceProfileFromId(id: number): ResourceProfile {
    const rp = this.byId.get(id);
    if (rp === undefined) throw new Error(`ResourceProfileManager: unknown resource profile id ${id}`);
    return rp;
  }

  /** The id of the profile a stage names (the default without one). */
  stageProfileId(stage: StageSpec): number {
    if (stage.resourceProfile === undefined) return DEFAULT_RESOURCE_PROFILE_ID;
    const rp = this.byName.get(stage.resourceProfile);
    if (rp === undefined) throw new Error(`ResourceProfileManager: stage ${stage.id} names unknown profile "${stage.resourceProfile}" (the scenario was not validated)`);
    return rp.id;
  }
}
