import { EventHeap } from "./EventHeap.js";
import { objectArray } from "./objectArray.js";
import { type QueuedEvent, queuedEvent, rankOf } from "./eventRank.js";
import { SlotBitmap } from "./SlotBitmap.js";

export type { QueuedEvent } from "./eventRank.js";

/**
 * The wheel covers its number of slots in ms from the current time: 1,024 at first (4 KiB, so a
 * small run's queue costs little to make), eight times more whenever LATER_TO_GROW events wait
 * beyond it, up to 65,536 (65.5 s, past almost every task end of a large run).
 */
const FIRST_SLOTS = 1 << 10;
const MAX_SLOTS = 1 << 16;
const LATER_TO_GROW = 64;
/** How far a node may be walked into its millisecond's sorted run before the millisecond goes to a heap instead. */
const MAX_SORT_STEPS = 32;

/**
 * The engine's event queue: events ordered by (timeMs, phase, seq) (eventRank.ts), times in
 * whole milliseconds, never before the time last popped.
 *
 * A timing wheel: one slot per millisecond of the next `slots` ms after the time last
 * popped (`base`), indexed by `timeMs & mask`, so a slot only ever holds events of one
 * time; its events are a linked list of nodes in typed arrays, the last pushed first, so a push
 * touches its slot and a node fresh from the free list, never an older node. A bitmap of
 * occupied slots finds the next one. Pushing and popping cost the same however many events are
 * in flight (tens of thousands of running tasks at thousands of executors), where a binary
 * heap's grew with its depth and its cache footprint (bench/measures/engine.mjs).
 *
 * Events further ahead wait in `later`, a binary heap, and move into their slots when `base`
 * comes within `slots` ms of them, before anything else can be pushed at their times (so in
 * (phase, seq) order, ahead of those pushes). When `base` reaches a slot with several events,
 * its list is sorted by rank into the run, popped from its head: push order is (phase, seq)
 * order in the usual case (a millisecond's task ends in the order they were scheduled), so most
 * nodes go in front. A millisecond far out of order (a node walked past MAX_SORT_STEPS others),
 * or a push at `base` that would go before the run's tail, moves the run into `current`, a heap
 * by rank, which also takes the pushes at `base` until it is empty. So base's events are all in
 * one place: the run, `current`, or (both empty) base's slot.
 */
export class EventQueue<T> {
  /** Each slot's list, from its last pushed node; 0 = empty (node 0 is never used). */
  private heads = new Int32Array(FIRST_SLOTS);
  private occupied = new SlotBitmap(FIRST_SLOTS);
  private slots = FIRST_SLOTS;
  private mask = FIRST_SLOTS - 1;
  private nodeNext = new Int32Array(64);
  private nodeRank = new Float64Array(64);
  private readonly nodePayload: T[] = objectArray();
  private freeNodes = 0;
  private nodesMade = 0;
  /** Nodes in slots and in the run. */
  private inWheel = 0;
  /** The run: base's events in (phase, seq) order, its first and last node; 0 = none. */
  private runHead = 0;
  private runTail = 0;
  private readonly later = new EventHeap<T>();
  private readonly current = new EventHeap<T>();
  /** The time last popped: nothing may be pushed before it. */
  private base = 0;
  private nextSeq = 0;
  /** The slot of the next event as last found, and its time; -1 = not known. */
  private nextSlot = -1;
  private nextSlotTime = 0;

  get size(): number {
    return this.inWheel + this.current.size + this.later.size;
  }

  push(timeMs: number, phase: number, payload: T): void {
    const rank = rankOf("EventQueue", phase, this.nextSeq);
    const base = this.base;
    if (!(timeMs >= base) || !Number.isInteger(timeMs)) {
      throw new Error(`EventQueue.push: time ${timeMs} ms is not a whole number of milliseconds at or after ${base} ms (the time last popped)`);
    }
    this.nextSeq++;
    if (timeMs - base >= this.slots) this.pushLater(timeMs, rank, payload);
    else if (timeMs === base && (this.runHead !== 0 || this.current.size > 0)) this.pushNow(rank, payload);
    else {
      this.addToSlot(timeMs & this.mask, rank, payload);
      if (timeMs < this.nextSlotTime) this.nextSlot = -1;
    }
  }

  /** A push beyond the wheel: into `later`, or into a wheel grown to reach it. */
  private pushLater(timeMs: number, rank: number, payload: T): void {
    if (this.later.size >= LATER_TO_GROW && this.slots < MAX_SLOTS) {
      this.grow();
      if (timeMs - this.base < this.slots) {
        this.addToSlot(timeMs & this.mask, rank, payload);
        return;
      }
    }
    this.later.insert(timeMs, rank, payload);
  }

  /** Eight times the slots: each slot's list moves whole to its time's new slot, then `later`'s events now within reach follow. */
  private grow(): void {
    const { heads, occupied, mask, base } = this;
    this.slots *= 8;
    this.mask = this.slots - 1;
    this.heads = new Int32Array(this.slots);
    this.occupied = new SlotBitmap(this.slots);
    for (let slot = occupied.nextFrom(0); slot >= 0; slot = slot === mask ? -1 : occupied.nextFrom(slot + 1)) {
      const to = (base + ((slot - base) & mask)) & this.mask;
      this.heads[to] = heads[slot]!;
      this.occupied.set(to);
    }
    this.nextSlot = -1;
    this.moveLaterIn();
  }

  /** A push at `base` while its events are in the run or in `current`. */
  private pushNow(rank: number, payload: T): void {
    const tail = this.runTail;
    if (tail !== 0 && rank > this.nodeRank[tail]!) {
      const node = this.newNode(rank, payload);
      this.nodeNext[tail] = node;
      this.runTail = node;
      return;
    }
    this.moveRunToCurrent();
    this.current.insert(this.base, rank, payload);
  }

  private addToSlot(slot: number, rank: number, payload: T): void {
    const node = this.newNode(rank, payload);
    const head = this.heads[slot]!;
    if (head === 0) this.occupied.set(slot);
    this.nodeNext[node] = head;
    this.heads[slot] = node;
  }

  /** A node holding the event, its link 0. */
  private newNode(rank: number, payload: T): number {
    let node = this.freeNodes;
    if (node !== 0) this.freeNodes = this.nodeNext[node]!;
    else {
      node = ++this.nodesMade;
      if (node === this.nodeNext.length) this.growNodes();
    }
    this.nodeNext[node] = 0;
    this.nodeRank[node] = rank;
    this.nodePayload[node] = payload;
    this.inWheel++;
    return node;
  }

  private growNodes(): void {
    const next = new Int32Array(this.nodeNext.length * 2);
    const rank = new Float64Array(this.nodeRank.length * 2);
    next.set(this.nodeNext);
    rank.set(this.nodeRank);
    this.nodeNext = next;
    this.nodeRank = rank;
  }

  /** The slot of the next event in the wheel (the first occupied one from base's, wrapping), or -1. */
  private findNextSlot(): number {
    if (this.nextSlot >= 0) return this.nextSlot;
    if (this.inWheel === 0) return -1;
    const from = this.base & this.mask;
    let slot = this.occupied.nextFrom(from);
    if (slot < 0) slot = this.occupied.nextFrom(0);
    this.nextSlot = slot;
    this.nextSlotTime = this.base + ((slot - from) & this.mask);
    return slot;
  }

  /** Time of the next event, or undefined when the queue is empty (no object made). */
  peekTime(): number | undefined {
    if (this.runHead !== 0 || this.current.size > 0) return this.base;
    return this.findNextSlot() >= 0 ? this.nextSlotTime : this.later.peekTime();
  }

  /** Removes the next event and returns its payload; undefined when empty (check `size` if payloads may be undefined). */
  popPayload(): T | undefined {
    if (this.runHead !== 0) return this.takeRunHead();
    if (this.current.size > 0) return this.current.popPayload();
    let slot = this.findNextSlot();
    if (slot >= 0) {
      if (this.nextSlotTime !== this.base) this.advanceTo(this.nextSlotTime);
    } else {
      const first = this.later.peekTime();
      if (first === undefined) return undefined;
      this.advanceTo(first);
      slot = first & this.mask;
    }
    this.nextSlot = -1;
    return this.takeSlot(slot);
  }

  /** Moves `base` to `timeMs`, then the events now within the wheel's span from `later` into their slots. */
  private advanceTo(timeMs: number): void {
    this.base = timeMs;
    this.moveLaterIn();
  }

  private moveLaterIn(): void {
    const later = this.later;
    while (later.size > 0 && later.peekTime()! - this.base < this.slots) {
      const t = later.peekTime()!;
      const rank = later.topRank();
      this.addToSlot(t & this.mask, rank, later.popPayload() as T);
    }
  }

  /** Takes the next event out of `slot` (base's): its only one, or the first of several, the rest left in the run (or in `current`). */
  private takeSlot(slot: number): T {
    const { nodeNext, nodeRank } = this;
    const head = this.heads[slot]!;
    if (head === 0) throw new Error(`EventQueue: the slot of ${this.base} ms is empty (a broken invariant)`);
    this.heads[slot] = 0;
    this.occupied.clear(slot);
    if (nodeNext[head] === 0) return this.freeNode(head);
    // Sort the list (last pushed first) into the run: in the usual case each node goes in front.
    let runHead = head;
    let runTail = head;
    let node = nodeNext[head]!;
    nodeNext[head] = 0;
    while (node !== 0) {
      const next = nodeNext[node]!;
      const rank = nodeRank[node]!;
      if (rank < nodeRank[runHead]!) {
        nodeNext[node] = runHead;
        runHead = node;
      } else {
        let at = runHead;
        for (let steps = 0; nodeNext[at] !== 0 && nodeRank[nodeNext[at]!]! < rank; steps++) {
          if (steps === MAX_SORT_STEPS) return this.takeUnsorted(runHead, node);
          at = nodeNext[at]!;
        }
        nodeNext[node] = nodeNext[at]!;
        nodeNext[at] = node;
        if (at === runTail) runTail = node;
      }
      node = next;
    }
    this.runHead = runHead;
    this.runTail = runTail;
    return this.takeRunHead();
  }

  /** A millisecond far out of push order: the sorted part and the rest of the slot's list into `current`, then its first. */
  private takeUnsorted(sorted: number, rest: number): T {
    this.runHead = sorted;
    this.moveRunToCurrent();
    this.runHead = rest;
    this.moveRunToCurrent();
    return this.current.popPayload() as T;
  }

  private takeRunHead(): T {
    const node = this.runHead;
    const next = this.nodeNext[node]!;
    this.runHead = next;
    if (next === 0) this.runTail = 0;
    return this.freeNode(node);
  }

  private moveRunToCurrent(): void {
    for (let node = this.runHead; node !== 0; ) {
      const next = this.nodeNext[node]!;
      this.current.insert(this.base, this.nodeRank[node]!, this.nodePayload[node]!);
      this.freeNode(node);
      node = next;
    }
    this.runHead = 0;
    this.runTail = 0;
  }

  /** Frees the node and returns its payload. */
  private freeNode(node: number): T {
    const payload = this.nodePayload[node]!;
    this.nodePayload[node] = undefined as T; // drop the reference
    this.nodeNext[node] = this.freeNodes;
    this.freeNodes = node;
    this.inWheel--;
    return payload;
  }

  peek(): QueuedEvent<T> | undefined {
    const run = this.runHead;
    if (run !== 0) return queuedEvent(this.base, this.nodeRank[run]!, this.nodePayload[run]!);
    if (this.current.size > 0) return this.current.peek();
    const slot = this.findNextSlot();
    if (slot < 0) return this.later.peek();
    let first = this.heads[slot]!;
    for (let node = this.nodeNext[first]!; node !== 0; node = this.nodeNext[node]!) {
      if (this.nodeRank[node]! < this.nodeRank[first]!) first = node;
    }
    return queuedEvent(this.nextSlotTime, this.nodeRank[first]!, this.nodePayload[first]!);
  }

  pop(): QueuedEvent<T> | undefined {
    const next = this.peek();
    if (next !== undefined) this.popPayload();
    return next;
  }
}
