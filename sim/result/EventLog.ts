import { DEFAULT_RESOURCE_PROFILE_ID } from "../conf/ResourceProfile.js";
import { objectArray } from "../core/objectArray.js";
import { REMOVAL_REASONS, type ExecutorRemovalReason } from "./ExecutorRemovalReason.js";
import { TARGET_CHANGE_CAUSES, type SimEvent, type TargetChangeCause } from "./SimEvent.js";
import type { SimulationResult } from "./SimulationResult.js";

// What a row holds: its kind, and for a removal its reason's index in REMOVAL_REASONS, for a
// target change its cause's in TARGET_CHANGE_CAUSES (kind + 8 * code).
const OBJECT = 0;
const REQUESTED = 1;
const CANCELLED = 2;
const ADDED = 3;
const REMOVED = 4;
const TARGET = 5;

/** A row: time, kind and code, then three values (an executor's number, a target, an object's index; idle since or the previous target; killed at). */
const STRIDE = 5;
/** Rows of the first page; each next page doubles, up to 4,096 rows from the fifth on. */
const FIRST_PAGE_ROWS = 256;
const MAX_PAGE_ROWS = FIRST_PAGE_ROWS << 4;

/**
 * The run's events as they happen, in order, kept as rows of numbers until the result is read
 * (`events()` builds the `SimEvent` objects then). The executors' comings and goings (at
 * thousands of executors nearly all of the 200,000 events of a 1M-task run) are rows of a
 * Float64Array page: kept to the end of the run as objects, each was copied by the young
 * generation's collector, went through the write barrier into the events array and was
 * marked by every full collection. An executor's id is kept as its number when it is one
 * (`String(n)`, as the cluster managers name them); any other id, and any other event, is kept
 * as the object given. Pages start small (a short run allocates little) and are never copied.
 */
export class EventLog {
  private pages: Float64Array[] = [];
  private page: Float64Array = new Float64Array(0);
  /** The next free slot of `page`. */
  private at = 0;
  private rows = 0;
  /** The events kept as objects (kind OBJECT), by index. */
  private objects: SimEvent[] = objectArray();
  /** Every event as an object, once `events()` has built them; nothing can be recorded after. */
  private built: SimEvent[] | undefined = undefined;

  /** Events recorded. */
  get length(): number {
    return this.rows;
  }

  /** Any event, kept as given. */
  record(e: SimEvent): void {
    this.row(0, OBJECT, this.objects.length, NaN, NaN);
    this.objects.push(e);
  }

  /** `{ timeMs, type: "executorRequested", executorId }`, with `resourceProfileId` for a profile other than the default (0). */
  executorRequested(executorId: string, timeMs: number, resourceProfileId: number): void {
    const n = idNumber(executorId);
    if (n < 0 || resourceProfileId !== DEFAULT_RESOURCE_PROFILE_ID) this.record(resourceProfileId === DEFAULT_RESOURCE_PROFILE_ID ? { timeMs, type: "executorRequested", executorId } : { timeMs, type: "executorRequested", executorId, resourceProfileId });
    else this.row(timeMs, REQUESTED, n, NaN, NaN);
  }

  /** `{ timeMs, type: "executorRequestCancelled", executorId }`. */
  executorRequestCancelled(executorId: string, timeMs: number): void {
    const n = idNumber(executorId);
    if (n < 0) this.record({ timeMs, type: "executorRequestCancelled", executorId });
    else this.row(timeMs, CANCELLED, n, NaN, NaN);
  }

  /** `{ timeMs, type: "executorAdded", executorId }`, with `resourceProfileId` for a profile other than the default (0). */
  executorAdded(executorId: string, timeMs: number, resourceProfileId: number): void {
    const n = idNumber(executorId);
    if (n < 0 || resourceProfileId !== DEFAULT_RESOURCE_PROFILE_ID) this.record(resourceProfileId === DEFAULT_RESOURCE_PROFILE_ID ? { timeMs, type: "executorAdded", executorId } : { timeMs, type: "executorAdded", executorId, resourceProfileId });
    else this.row(timeMs, ADDED, n, NaN, NaN);
  }

  /** `{ timeMs, type: "executorRemoved", executorId, reason }`, then `idleSinceMs` and `killedAtMs` when given (not NaN). */
  executorRemoved(executorId: string, timeMs: number, reason: ExecutorRemovalReason, idleSinceMs: number, killedAtMs: number): void {
    const n = idNumber(executorId);
    if (n < 0) this.record(removedRecord(executorId, timeMs, reason, idleSinceMs, killedAtMs));
    else this.row(timeMs, REMOVED + 8 * codeOf(REMOVAL_REASONS, reason), n, idleSinceMs, killedAtMs);
  }

  /** `{ timeMs, type: "targetChanged", target, previous, cause }`, with `resourceProfileId` for a profile other than the default (0). */
  targetChanged(timeMs: number, target: number, previous: number, cause: TargetChangeCause, resourceProfileId: number): void {
    if (resourceProfileId !== DEFAULT_RESOURCE_PROFILE_ID) this.record({ timeMs, type: "targetChanged", target, previous, cause, resourceProfileId });
    else this.row(timeMs, TARGET + 8 * codeOf(TARGET_CHANGE_CAUSES, cause), target, previous, NaN);
  }

  private row(timeMs: number, kind: number, a: number, b: number, c: number): void {
    if (this.built !== undefined) throw new Error("internal: an event recorded after the run's events were built (EventLog.events())");
    let at = this.at, page = this.page;
    if (at === page.length) {
      page = this.page = new Float64Array(STRIDE * (this.pages.length < 4 ? FIRST_PAGE_ROWS << this.pages.length : MAX_PAGE_ROWS));
      this.pages.push(page);
      at = 0;
    }
    page[at] = timeMs;
    page[at + 1] = kind;
    page[at + 2] = a;
    page[at + 3] = b;
    page[at + 4] = c;
    this.at = at + STRIDE;
    this.rows++;
  }

  /**
   * Every event recorded, in order, as objects (their fields in the order the events log writes
   * them), built at the first call, once the run has ended; the rows are let go then.
   */
  events(): SimEvent[] {
    if (this.built === undefined) {
      const out: SimEvent[] = objectArray();
      this.forEach((e) => void out.push(e));
      this.built = out;
      // New arrays, not emptied ones: an iteration under way (`iterate()`) keeps reading the old.
      this.pages = [];
      this.page = new Float64Array(0);
      this.objects = [];
    }
    return this.built;
  }

  /** Calls `fn` with every event in order: built one at a time (each dies young) until `events()` has built them all. */
  forEach(fn: (e: SimEvent) => void): void {
    if (this.built !== undefined) {
      for (const e of this.built) fn(e);
      return;
    }
    // What the log holds now: `events()` called by `fn` gives the log new arrays, not these.
    const ids = new ExecutorIdStrings();
    const { pages, objects } = this;
    const last = pages.length - 1, lastEnd = this.at;
    for (let p = 0; p <= last; p++) {
      const page = pages[p]!;
      const end = p === last ? lastEnd : page.length;
      for (let at = 0; at < end; at += STRIDE) fn(this.event(page, at, ids, objects));
    }
  }

  /** Every event in order, as `forEach` hands them over, for a reader that pulls (each dies young unless kept). */
  *iterate(): IterableIterator<SimEvent> {
    if (this.built !== undefined) {
      yield* this.built;
      return;
    }
    const ids = new ExecutorIdStrings();
    const { pages, objects } = this;
    const last = pages.length - 1, lastEnd = this.at;
    for (let p = 0; p <= last; p++) {
      const page = pages[p]!;
      const end = p === last ? lastEnd : page.length;
      for (let at = 0; at < end; at += STRIDE) yield this.event(page, at, ids, objects);
    }
  }

  private event(page: Float64Array, at: number, ids: ExecutorIdStrings, objects: readonly SimEvent[]): SimEvent {
    const timeMs = page[at]!, kindCode = page[at + 1]!, a = page[at + 2]!;
    const kind = kindCode & 7, code = kindCode >> 3;
    switch (kind) {
      case OBJECT:
        return objects[a]!;
      case REQUESTED:
        return { timeMs, type: "executorRequested", executorId: ids.of(a) };
      case CANCELLED:
        return { timeMs, type: "executorRequestCancelled", executorId: ids.of(a) };
      case ADDED:
        return { timeMs, type: "executorAdded", executorId: ids.of(a) };
      case REMOVED:
        return removedRecord(ids.of(a), timeMs, REMOVAL_REASONS[code]!, page[at + 3]!, page[at + 4]!);
      case TARGET:
        return { timeMs, type: "targetChanged", target: a, previous: page[at + 3]!, cause: TARGET_CHANGE_CAUSES[code]! };
      default:
        throw new Error(`internal: an event row of kind ${kind} (EventLog)`);
    }
  }
}

/** The log each result of a run reads its events from (a result copied or made elsewhere has none). */
const LOGS = new WeakMap<SimulationResult, EventLog>();

/** `result`, whose `events` are `log`'s (`forEachEvent` reads them without building the array). */
export function withEventLog(result: SimulationResult, log: EventLog): SimulationResult {
  LOGS.set(result, log);
  return result;
}

/**
 * Calls `fn` with each of the result's events in order. For a run's own result whose `events`
 * nobody has read, no array of them is built: each event is made, handed over, and dies young
 * (a summary of a 1M-task run at 5,000 executors reads 200,000 events).
 */
export function forEachEvent(result: SimulationResult, fn: (e: SimEvent) => void): void {
  const log = LOGS.get(result);
  if (log !== undefined) log.forEach(fn);
  else for (const e of result.events) fn(e);
}

/**
 * The result's events in order, pulled one at a time: for a run's own result whose `events`
 * nobody has read, no array of them is built (`dra-sim run --events` writes 200,000 lines of a
 * 1M-task run at 5,000 executors this way).
 */
export function iterateEvents(result: SimulationResult): IterableIterator<SimEvent> {
  const log = LOGS.get(result);
  return log !== undefined ? log.iterate() : result.events[Symbol.iterator]();
}

/** `value`'s index in `values`, the code a row keeps; a value the row cannot decode is a bug. */
function codeOf<T>(values: readonly T[], value: T): number {
  const code = values.indexOf(value);
  if (code < 0) throw new Error(`internal: ${String(value)} is not one of ${values.join(", ")} (EventLog)`);
  return code;
}

/** An executor removal's record: `idleSinceMs` and `killedAtMs` only when given (not NaN), each shape one literal. */
function removedRecord(executorId: string, timeMs: number, reason: ExecutorRemovalReason, idleSinceMs: number, killedAtMs: number): SimEvent {
  const type = "executorRemoved";
  if (idleSinceMs === idleSinceMs) {
    return killedAtMs === killedAtMs ? { timeMs, type, executorId, reason, idleSinceMs, killedAtMs } : { timeMs, type, executorId, reason, idleSinceMs };
  }
  return killedAtMs === killedAtMs ? { timeMs, type, executorId, reason, killedAtMs } : { timeMs, type, executorId, reason };
}

/**
 * The number `id` names when it is `String(n)` for an integer n of at most `maxDigits` digits
 * ("0", "17"; not "017", "+1", "1e3"), else -1. The one reading of an executor id as a number:
 * the log's rows (up to 999,999,999) and the model's tables keyed by id (`numericId`).
 */
export function idNumber(id: string, maxDigits = 9): number {
  const length = id.length;
  if (length === 0 || length > maxDigits || (length > 1 && id.charCodeAt(0) === 48)) return -1;
  let n = 0;
  for (let i = 0; i < length; i++) {
    const d = id.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** One string per executor number while the events are built, so an executor's events share their id as they did when recorded. */
class ExecutorIdStrings {
  private readonly strings: Array<string | undefined> = objectArray();

  of(n: number): string {
    const strings = this.strings;
    if (n >= 1 << 22) return String(n);
    while (strings.length <= n) strings.push(undefined);
    return (strings[n] ??= String(n));
  }
}
