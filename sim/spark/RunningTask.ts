import { objectArray } from "../core/objectArray.js";
import type { TaskLocality } from "../result/TaskLocality.js";
import type { ExecutorSlots } from "./TaskSchedulerImpl.js";
import type { TaskSetManager } from "./TaskSetManager.js";
import { SimulationError } from "./SimulationError.js";

/**
 * One running task attempt: its row in the backend's `RunningTasks`, a small integer that is
 * also the queue payload of its end (`SparkApplication.handle` takes a number for a task end).
 * A row is given back once its end event has been handled, when nothing holds it any more (the
 * scheduler, the speculation state and the backend drop an attempt when it ends).
 */
export type RunningTask = number;

/** Int32 fields per row: the task set's serial, the index, the partition, and the flags below. */
const ROW = 4;
const FAILED = 1;
const SPECULATIVE = 2;
/** Bits 2-4: the locality (0-4); from bit 5: the executor's number. */
const LOCALITY_SHIFT = 2;
const NUMBER_SHIFT = 5;
/** Executor numbers a row can hold: 32 bits less the shift. */
const MAX_EXECUTOR_NUMBER = 2 ** (31 - NUMBER_SHIFT);

/**
 * The running task attempts, a row each, packed in typed arrays (struct of arrays): what a task
 * end reads (task set, index, partition, executor, flags) is 16 bytes of one array, not an object
 * of its own. At thousands of executors fifteen thousand tasks run at once; as objects (120 bytes
 * each and two boxed doubles) they were more than the core's cache, and every task end and many
 * launches missed it. Rows are reused, most recently freed first. Task sets are named in a row by
 * a serial, given back once none of the set's attempts runs; executors by their number
 * (`ExecutorSlots.number`).
 */
export class RunningTasks {
  /** What only some runs read: the launch time and duration (speculation), the task record's row (`recordTasks`). */
  private readonly keepTimes: boolean;
  private readonly keepRecords: boolean;
  private rows = new Int32Array(ROW * 64);
  private durations = new Float64Array(64);
  private launches = new Float64Array(64);
  private records = new Int32Array(64);
  private free = new Int32Array(64);
  private freeCount = 0;
  private size = 0;
  /** Task sets by serial, with their running attempts; serials are reused once free. */
  private readonly taskSets: Array<TaskSetManager | undefined> = objectArray();
  private running = new Int32Array(16);
  private readonly serials = new Map<TaskSetManager, number>();
  private readonly freeSerials: number[] = [];
  /** The last task set taken for, and its serial: launches come in runs of one task set's. */
  private lastTaskSet: TaskSetManager | undefined = undefined;
  private lastSerial = -1;
  /** Executors' slots by number (numbers are dense and never reused). */
  private readonly slotsByNumber: Array<ExecutorSlots | undefined> = objectArray();

  /**
   * `keep` says which of the fields only some runs read are kept: without speculation nothing
   * reads a running task's duration or launch time, without task records its record row (then
   * -1). Not writing them spares each launch two or three more cache lines (a row's fields are
   * in four arrays), and a run their memory.
   */
  constructor(keep: RunningTaskFields = KEEP_ALL) {
    this.keepTimes = keep.times;
    this.keepRecords = keep.records;
  }

  /** A launch: a row holding its values, not failed, no task record (-1). */
  take(taskSet: TaskSetManager, index: number, partition: number, slots: ExecutorSlots, durationMs: number, locality: TaskLocality, launchMs: number, speculative: boolean): RunningTask {
    const t = this.freeCount > 0 ? this.free[--this.freeCount]! : this.newRow();
    const serial = taskSet === this.lastTaskSet ? this.lastSerial : this.serialOf(taskSet);
    this.running[serial]!++;
    const n = slots.number;
    const rows = this.rows, r = ROW * t;
    rows[r] = serial;
    rows[r + 1] = index;
    rows[r + 2] = partition;
    rows[r + 3] = (n << NUMBER_SHIFT) | (locality << LOCALITY_SHIFT) | (speculative ? SPECULATIVE : 0);
    if (this.keepTimes) {
      this.durations[t] = durationMs;
      this.launches[t] = launchMs;
    }
    if (this.keepRecords) this.records[t] = -1;
    return t;
  }

  /** The task's end event was handled: its row may be taken again. */
  release(t: RunningTask): void {
    const serial = this.rows[ROW * t]!;
    if (--this.running[serial]! === 0) this.freeSerial(serial);
    if (this.freeCount === this.free.length) this.free = grown(this.free, this.free.length * 2);
    this.free[this.freeCount++] = t;
  }

  taskSet(t: RunningTask): TaskSetManager {
    return this.taskSets[this.rows[ROW * t]!]!;
  }
  /** Index within the task set (what listeners see). */
  index(t: RunningTask): number {
    return this.rows[ROW * t + 1]!;
  }
  /** The stage partition it computes. */
  partition(t: RunningTask): number {
    return this.rows[ROW * t + 2]!;
  }
  /** Its executor's slots in the task scheduler (no lookup by id when it ends). */
  slots(t: RunningTask): ExecutorSlots {
    return this.slotsByNumber[this.rows[ROW * t + 3]! >>> NUMBER_SHIFT]!;
  }
  executorId(t: RunningTask): string {
    return this.slots(t).id;
  }
  executorNumber(t: RunningTask): number {
    return this.rows[ROW * t + 3]! >>> NUMBER_SHIFT;
  }
  /** The level it launched at (`TaskInfo.taskLocality`). */
  locality(t: RunningTask): TaskLocality {
    return ((this.rows[ROW * t + 3]! >>> LOCALITY_SHIFT) & 7) as TaskLocality;
  }
  /** A speculative copy (`TaskInfo.speculative`). */
  speculative(t: RunningTask): boolean {
    return (this.rows[ROW * t + 3]! & SPECULATIVE) !== 0;
  }
  /** Set when it ended before its queued end (its executor was lost, or it was killed): that end is void. */
  failed(t: RunningTask): boolean {
    return (this.rows[ROW * t + 3]! & FAILED) !== 0;
  }
  markFailed(t: RunningTask): void {
    this.rows[ROW * t + 3]! |= FAILED;
  }
  durationMs(t: RunningTask): number {
    if (!this.keepTimes) throw notKept("durations");
    return this.durations[t]!;
  }
  launchMs(t: RunningTask): number {
    if (!this.keepTimes) throw notKept("launch times");
    return this.launches[t]!;
  }
  /** Row in the result's task records, -1 when they are not kept. */
  recordIndex(t: RunningTask): number {
    return this.keepRecords ? this.records[t]! : -1;
  }
  setRecordIndex(t: RunningTask, recordIndex: number): void {
    if (!this.keepRecords) throw notKept("task record rows");
    this.records[t] = recordIndex;
  }

  private newRow(): number {
    const t = this.size++;
    if (ROW * t === this.rows.length) {
      const n = 2 * t;
      this.rows = grown(this.rows, ROW * n);
      if (this.keepTimes) {
        this.durations = grown(this.durations, n);
        this.launches = grown(this.launches, n);
      }
      if (this.keepRecords) this.records = grown(this.records, n);
    }
    return t;
  }

  private serialOf(taskSet: TaskSetManager): number {
    let serial = this.serials.get(taskSet);
    if (serial === undefined) {
      serial = this.freeSerials.pop() ?? this.taskSets.length;
      if (serial === this.taskSets.length) this.taskSets.push(taskSet);
      else this.taskSets[serial] = taskSet;
      if (serial >= this.running.length) this.running = grown(this.running, 2 * this.running.length);
      this.serials.set(taskSet, serial);
    }
    this.lastTaskSet = taskSet;
    this.lastSerial = serial;
    return serial;
  }

  /** No attempt of the serial's task set runs: the serial is free (the task set is no longer held). */
  private freeSerial(serial: number): void {
    const taskSet = this.taskSets[serial]!;
    this.serials.delete(taskSet);
    this.taskSets[serial] = undefined;
    this.freeSerials.push(serial);
    if (this.lastTaskSet === taskSet) {
      this.lastTaskSet = undefined;
      this.lastSerial = -1;
    }
  }

  /** An executor registered: its tasks name it by number (`ExecutorSlots.number`, below 2^26). */
  executorAdded(slots: ExecutorSlots): void {
    const n = slots.number;
    if (n >= MAX_EXECUTOR_NUMBER) throw new SimulationError(`the run started more than ${MAX_EXECUTOR_NUMBER.toLocaleString("en-US")} executors, past what a running task's row can name (2^26)`);
    // Dense up to `n` (a hole far past the end would turn the array into a dictionary).
    while (this.slotsByNumber.length <= n) this.slotsByNumber.push(undefined);
    this.slotsByNumber[n] = slots;
  }
}

/** Which of a running task's optional fields `RunningTasks` keeps. */
export interface RunningTaskFields {
  /** Its duration and launch time (speculation reads them). */
  readonly times: boolean;
  /** Its row in the result's task records (`recordTasks`). */
  readonly records: boolean;
}

const KEEP_ALL: RunningTaskFields = { times: true, records: true };

function notKept(what: string): Error {
  return new Error(`internal: running tasks' ${what} are not kept in this run`);
}

function grown<A extends Int32Array | Float64Array>(a: A, length: number): A {
  const b = new (a.constructor as new (n: number) => A)(length);
  b.set(a);
  return b;
}

/** A task taken by an offer, and the level it launched at. */
export interface Launch {
  readonly index: number;
  readonly locality: TaskLocality;
}
