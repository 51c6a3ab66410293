/**
 * Executor ids as small numbers (each id once, in the order first seen), so that a record per
 * task can hold its executor in 4 bytes instead of a map entry and a string.
 */
export class ExecutorIds {
  private readonly numbers = new Map<string, number>();
  private readonly ids: string[] = [];

  numberOf(executorId: string): number {
    let n = this.numbers.get(executorId);
    if (n === undefined) {
      n = this.ids.length;
      this.numbers.set(executorId, n);
      this.ids.push(executorId);
    }
    return n;
  }

  idOf(n: number): string {
    return this.ids[n]!;
  }
}
