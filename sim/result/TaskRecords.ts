import type { TaskLocality } from "./TaskLocality.js";

/**
 * Every task attempt of a run, column-major (opt-in: `SimulateOptions.recordTasks`). Lets
 * checkers verify the termination rules from what ran where, independently of the monitor.
 */
export class TaskRecords {
  private capacity = 1024;
  private n = 0;
  stageId = new Int32Array(this.capacity);
  attempt = new Int32Array(this.capacity);
  partition = new Int32Array(this.capacity);
  /** Executor id as a number (ids are "1", "2", ...). */
  executor = new Int32Array(this.capacity);
  startMs = new Float64Array(this.capacity);
  endMs = new Float64Array(this.capacity);
  /** 1 when the attempt failed (its executor was lost at `endMs`). */
  failed = new Uint8Array(this.capacity);
  /** The level it launched at (`TaskLocality`: 0 PROCESS_LOCAL, 1 NODE_LOCAL, 4 ANY). */
  locality = new Uint8Array(this.capacity);

  get length(): number {
    return this.n;
  }

  /** Records one task attempt: its launch and, known at launch in the model, its end. Returns its row. */
  start(stageId: number, attempt: number, partition: number, executorId: string, startMs: number, endMs: number, locality: TaskLocality = 0): number {
    if (this.n === this.capacity) this.grow();
    const i = this.n++;
    this.stageId[i] = stageId;
    this.attempt[i] = attempt;
    this.partition[i] = partition;
    this.executor[i] = Number(executorId);
    this.startMs[i] = startMs;
    this.endMs[i] = endMs;
    this.locality[i] = locality;
    return i;
  }

  /** The attempt's executor was lost at `endMs`: it failed then. */
  fail(i: number, endMs: number): void {
    this.endMs[i] = endMs;
    this.failed[i] = 1;
  }

  private grow(): void {
    this.capacity *= 2;
    const g = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(this.capacity);
      b.set(a);
      return b;
    };
    this.stageId = g(this.stageId, (n) => new Int32Array(n));
    this.attempt = g(this.attempt, (n) => new Int32Array(n));
    this.partition = g(this.partition, (n) => new Int32Array(n));
    this.executor = g(this.executor, (n) => new Int32Array(n));
    this.startMs = g(this.startMs, (n) => new Float64Array(n));
    this.endMs = g(this.endMs, (n) => new Float64Array(n));
    this.failed = g(this.failed, (n) => new Uint8Array(n));
    this.locality = g(this.locality, (n) => new Uint8Array(n));
  }
}
