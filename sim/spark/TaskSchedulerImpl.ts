import type { RandomStream } from "../core/random.js";

/** One running task attempt (also the queue payload of its end: hence `type`). */
export interface RunningTask {
  readonly type: "taskEnd";
  readonly taskSet: TaskSetManager;
  /** Index within the task set (what listeners see). */
  readonly index: number;
  /** The stage partition it computes. */
  readonly partition: number;
  readonly executorId: string;
  readonly durationMs: number;
  /** Set when its executor was lost before it ended: its queued end is void. */
  failed?: boolean;
  /** Row in the result's task records, when they are kept. */
  recordIndex?: number;
}

/**
 * The tasks of one stage attempt (`TaskSetManager`), launched in index order; a failed task
 * goes back on top of the pending list (Spark dequeues pending lists from the end, and
 * `addPendingTask` appends), so a retry is launched before the next fresh index.
 */
export class TaskSetManager {
  private next = 0;
  /** Failed indices waiting to run again, last failed first. */
  private readonly retries: number[] = [];
  /** `numFailures` per index, counted only for failures that count (`countTowardsTaskFailures`). */
  private failures: Uint8Array | undefined;
  succeeded = 0;
  /** Attempts of this task set running now. */
  running = 0;
  /** `isZombie`: launches nothing more (finished, or failed by a fetch failure); running tasks may still end. */
  zombie = false;

  constructor(
    readonly stageId: number,
    readonly attempt: number,
    /** FIFO priority: the id of the job that submitted the stage. */
    readonly priority: number,
    /** partitions[i] is the partition of task index i. */
    readonly partitions: Int32Array,
    /** Duration of each partition's task, by partition. */
    readonly durationsByPartition: Float64Array,
    /** The stage's resource profile: only executors of this profile take its tasks. */
    readonly resourceProfileId = 0,
  ) {}

  get numTasks(): number {
    return this.partitions.length;
  }

  get hasPending(): boolean {
    return !this.zombie && (this.retries.length > 0 || this.next < this.partitions.length);
  }

  get isComplete(): boolean {
    return this.succeeded === this.partitions.length;
  }

  /** Takes the next pending task index. */
  take(): number {
    this.running++;
    return this.retries.length > 0 ? this.retries.pop()! : this.next++;
  }

  /**
   * `executorLost` for a shuffle map task set: a task that succeeded on the lost executor,
   * whose output went with it, is pending again ("Resubmitted"); not a failure.
   */
  resubmit(index: number): void {
    this.succeeded--;
    this.retries.push(index);
  }

  /** Index of a partition's task (task sets are small lists of partitions, in order). */
  indexOfPartition(partition: number): number {
    return this.partitions.indexOf(partition);
  }

  /**
   * `handleFailedTask`: the index is pending again. Returns the failure count of the index when
   * the failure counts toward `spark.task.maxFailures`, else 0.
   */
  taskFailed(index: number, counts: boolean): number {
    this.running--;
    if (this.zombie) return 0;
    this.retries.push(index);
    if (!counts) return 0;
    this.failures ??= new Uint8Array(this.partitions.length);
    this.failures[index] = Math.min(255, this.failures[index]! + 1);
    return this.failures[index]!;
  }
}

interface ExecutorSlots {
  readonly id: string;
  /** Its resource profile and that profile's task slots (`maxTasksPerExecutor`). */
  readonly resourceProfileId: number;
  readonly slots: number;
  freeSlots: number;
  /** Removed, but still in `executorOrder` until the next compaction. */
  removed: boolean;
}

/**
 * Places pending tasks on free task slots (`TaskSchedulerImpl` with the coarse-grained backend):
 * FIFO task sets ordered by (job, stage); a round of offers goes over the executors in a
 * shuffled order giving each at most one task per pass, so a stage spreads over executors.
 * Offers happen when a stage is submitted (all executors), when an executor registers, and
 * when a task ends (that executor), as in Spark. Executors pending removal are already gone
 * from here (kills take effect at once in the model). A task set takes offers only from
 * executors of its resource profile (`ResourceProfileManager.canBeScheduled`: an exact match).
 */
export class TaskSchedulerImpl {
  private readonly taskSets: TaskSetManager[] = [];
  private readonly executors = new Map<string, ExecutorSlots>();
  /** Registration order; shuffled copies are taken for each offer round. Holds removed executors until compacted. */
  private executorOrder: ExecutorSlots[] = [];
  private removedInOrder = 0;

  constructor(
    private readonly slotsPerExecutor: number,
    private readonly offerShuffle: RandomStream,
    private readonly launch: (taskSet: TaskSetManager, index: number, executorId: string) => void,
  ) {}

  submitTasks(taskSet: TaskSetManager): void {
    // Keep FIFO order: by job priority, then stage id.
    let i = this.taskSets.length;
    while (i > 0) {
      const prev = this.taskSets[i - 1]!;
      if (prev.priority < taskSet.priority || (prev.priority === taskSet.priority && prev.stageId < taskSet.stageId)) break;
      i--;
    }
    this.taskSets.splice(i, 0, taskSet);
    this.offerAll();
  }

  taskSetFinished(taskSet: TaskSetManager): void {
    const i = this.taskSets.indexOf(taskSet);
    if (i >= 0) this.taskSets.splice(i, 1);
  }

  /** An executor registered, of `resourceProfileId` with `slots` task slots (the default profile's by default). */
  executorAdded(id: string, resourceProfileId = 0, slots = this.slotsPerExecutor): void {
    const e: ExecutorSlots = { id, resourceProfileId, slots, freeSlots: slots, removed: false };
    this.executors.set(id, e);
    this.executorOrder.push(e);
    this.offerOne(e);
  }

  executorRemoved(id: string): void {
    const slots = this.executors.get(id);
    if (slots === undefined) return;
    this.executors.delete(id);
    // Marked, and dropped from the order in one pass once they are half of it: removing each
    // with indexOf + splice made a ramp-down of n executors cost O(n^2).
    slots.removed = true;
    slots.freeSlots = 0;
    if (++this.removedInOrder * 2 > this.executorOrder.length) {
      this.executorOrder = this.executorOrder.filter((e) => !e.removed);
      this.removedInOrder = 0;
    }
  }

  isExecutorBusy(id: string): boolean {
    const slots = this.executors.get(id);
    return slots !== undefined && slots.freeSlots < slots.slots;
  }

  /** A task ended: free its slot (the caller then lets the DAG react, then calls `offerFreed`). */
  releaseSlot(executorId: string): void {
    const slots = this.executors.get(executorId);
    if (slots !== undefined) slots.freeSlots++;
  }

  /** `makeOffers(executorId)` after a status update. */
  offerFreed(executorId: string): void {
    const slots = this.executors.get(executorId);
    if (slots !== undefined) this.offerOne(slots);
  }

  private offerOne(slots: ExecutorSlots): void {
    for (const ts of this.taskSets) {
      if (ts.resourceProfileId !== slots.resourceProfileId) continue;
      while (slots.freeSlots > 0 && ts.hasPending) {
        slots.freeSlots--;
        this.launch(ts, ts.take(), slots.id);
      }
      if (slots.freeSlots === 0) return;
    }
  }

  /** `reviveOffers` after a task failed. */
  reviveOffers(): void {
    this.offerAll();
  }

  /** `reviveOffers`: every executor with free slots, in a shuffled order, one task per pass. */
  private offerAll(): void {
    if (!this.taskSets.some((ts) => ts.hasPending)) return;
    const offers = this.executorOrder.filter((e) => e.freeSlots > 0 && !e.removed);
    if (offers.length === 0) return;
    // Fisher-Yates, as Random.shuffle(offers) in resourceOffers.
    for (let i = offers.length - 1; i > 0; i--) {
      const j = Math.floor(this.offerShuffle.next() * (i + 1));
      const tmp = offers[i]!;
      offers[i] = offers[j]!;
      offers[j] = tmp;
    }
    for (const ts of this.taskSets) {
      let launched = true;
      while (launched && ts.hasPending) {
        launched = false;
        for (const o of offers) {
          if (o.freeSlots > 0 && ts.hasPending && o.resourceProfileId === ts.resourceProfileId) {
            o.freeSlots--;
            this.launch(ts, ts.take(), o.id);
            launched = true;
          }
        }
      }
    }
  }
}
