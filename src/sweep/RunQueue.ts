/**
 * The runs of a sweep, claimed one at a time by every thread (the main thread and each worker)
 * from one counter in shared memory. A thread that finishes a run takes the next at once,
 * without asking the main thread, so no thread waits while runs remain, and the last runs go
 * to whichever thread is free (no pre-split halves, one run's length of imbalance at most).
 *
 * Runs are claimed seed by seed (every config of the first seed, then of the next), so a
 * thread needs what depends on the seed for one seed at a time (`SeedCache`).
 */

/** What a queue needs to be rebuilt in a worker (both shared, not copied). */
export interface RunQueueData {
  /** One Int32: the next claim. */
  readonly counter: SharedArrayBuffer;
  /** Run indices in claim order. */
  readonly order: Int32Array;
}

export class RunQueue {
  private readonly next: Int32Array;

  private constructor(readonly data: RunQueueData) {
    this.next = new Int32Array(data.counter);
  }

  /** A queue of runs with these seeds (index = run), claimed seed by seed, in run order within a seed. */
  static bySeed(seeds: readonly number[]): RunQueue {
    const order = Int32Array.from(seeds.keys()).sort((a, b) => seeds[a]! - seeds[b]! || a - b);
    const shared = new Int32Array(new SharedArrayBuffer(order.length * Int32Array.BYTES_PER_ELEMENT));
    shared.set(order);
    return new RunQueue({ counter: new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT), order: shared });
  }

  /** The same queue, seen from another thread. */
  static attach(data: RunQueueData): RunQueue {
    return new RunQueue(data);
  }

  /** The next run's index, or undefined when every run is taken (or the queue was stopped). */
  claim(): number | undefined {
    const k = Atomics.add(this.next, 0, 1);
    return k < this.data.order.length ? this.data.order[k] : undefined;
  }

  /** No run is handed out after this (a run failed: the sweep stops). */
  stop(): void {
    Atomics.store(this.next, 0, this.data.order.length);
  }
}
