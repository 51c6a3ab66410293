/**
 * Four 32-bit integers per executor number (the task scheduler's `ExecutorSlots.number`, never
 * reused in a run), side by side, for the two parts of the driver that a task end reads by that
 * number: the executor monitor's running-task count (-1: no tracker has the number) and the
 * shuffle it last added (-1: none), kept by `ExecutorTrackersByNumber`; and the shuffle the
 * executor last wrote map output of (its serial, 0: none) and how many of its outputs are
 * live, kept by `CountingMapOutputTracker`. A map task's end reads both: in one row they are
 * one cache line, not two (at thousands of executors, a miss each, per task).
 */
export class ExecutorRows {
  /** The monitor's fields at 4n and 4n + 1, the map output tracker's at 4n + 2 and 4n + 3. Replaced as it grows: read it anew after `ensure`. */
  data = fresh(32);

  /** Room for number `n`. */
  ensure(n: number): void {
    if (4 * n + 3 >= this.data.length) this.grow(n);
  }

  private grow(n: number): void {
    const data = fresh(Math.max(n + 1, this.data.length / 2));
    data.set(this.data);
    this.data = data;
  }
}

/** Rows for `numbers` numbers, each empty: -1, -1, 0, 0. */
function fresh(numbers: number): Int32Array {
  const data = new Int32Array(4 * numbers);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = -1;
    data[i + 1] = -1;
  }
  return data;
}
