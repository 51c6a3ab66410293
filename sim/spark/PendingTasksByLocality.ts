/**
 * A task's preferred location (`TaskLocation`): a host (`HostTaskLocation`: input or map
 * output there), or an executor holding its cached partition (`ExecutorCacheTaskLocation`).
 */
export interface TaskLocation {
  readonly host: string;
  readonly executorId?: string;
}

/** What a task set asks the scheduler about its preferred locations (`TaskSchedulerImpl`). */
export interface LocalityView {
  isExecutorAlive(executorId: string): boolean;
  hasExecutorsAliveOnHost(host: string): boolean;
}

/**
 * Spark's `PendingTasksByLocality`: the pending task indices by executor, by host, without
 * preferences, and all of them, each used as a stack (added at the end, taken from the end;
 * built in reverse index order so low indices go first, and a failed task put back on top).
 * Entries are removed lazily: a launched task stays in the lists it was not taken from.
 * Racks are not modelled (no host has a rack), so there is no `forRack`.
 */
export class PendingTasksByLocality {
  readonly forExecutor = new Map<string, number[]>();
  readonly forHost = new Map<string, number[]>();
  readonly noPrefs: number[] = [];
  readonly all: number[] = [];

  /** `addPendingTask`. */
  add(index: number, locations: readonly TaskLocation[] | undefined): void {
    if (locations === undefined || locations.length === 0) this.noPrefs.push(index);
    else {
      for (const loc of locations) {
        if (loc.executorId !== undefined) push(this.forExecutor, loc.executorId, index);
        push(this.forHost, loc.host, index);
      }
    }
    this.all.push(index);
  }
}

function push(map: Map<string, number[]>, key: string, index: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [index]);
  else list.push(index);
}
