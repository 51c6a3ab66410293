import { EventHeap } from "./EventHeap.js";
import { objectArray } from "./objectArray.js";
import { type QueuedEvent, queuedEvent, rankOf } from "./eventRank.js";
import { SlotBitmap } from "./SlotBitmap.js";

export type { QueuedEvent } from "./eventRank.js";

/** The wheel covers WHEEL_SLOTS ms from the current time: 65.5 s, past almost every task end. */
const WHEEL_BITS = 16;
const WHEEL_SLOTS = 1 << WHEEL_BITS;
const SLOT_MASK = WHEEL_SLOTS - 1;

/**
 * The engine's event queue: events ordered by (timeMs, phase, seq) (eventRank.ts), times in
 * whole milliseconds, never before the time last popped.
 *
 * A timing wheel: one slot per millisecond of the next WHEEL_SLOTS ms after the time last
 * popped (`base`), indexed by `timeMs & SLOT_MASK`, so a slot only ever holds events of one
 * time; its events are a linked list of nodes in typed arrays, appended at its tail. A bitmap of
 * occupied slots finds the next one. Pushing and popping cost the same however many events are in flight (tens of
 * thousands of running tasks at thousands of executors), where a binary heap's grew with its
 * depth and its cache footprint (bench/measures/engine.mjs).
 *
 * Events further ahead wait in `later`, a binary heap, and move into their slots when `base`
 * comes within WHEEL_SLOTS ms of them, before anything else can be pushed at their times (so in
 * (phase, seq) order, ahead of those pushes). A slot's list is in (phase, seq) order as long as
 * each push comes after its tail by rank, which is the usual case (a millisecond's task ends in
 * the order they were scheduled, its later phases pushed after them), and is popped from its
 * head. A push that breaks the order marks the slot unsorted; popping an unsorted slot moves its
 * events into `current`, a heap by rank, which also takes the pushes at `base` until it is empty.
 * So every event at `base` is either in `current` or in base's slot, never in both.
 */
export class EventQueue<T> {
  /** First and last node of each slot's list; 0 = empty (node 0 is never used). */
  private readonly heads = new Int32Array(WHEEL_SLOTS);
  private readonly tails = new Int32Array(WHEEL_SLOTS);
  /** 1 where a slot's list is not in rank order. */
  private readonly unsorted = new Uint8Array(WHEEL_SLOTS);
  private readonly occupied = new SlotBitmap(WHEEL_SLOTS);
  private nodeNext = new Int32Array(64);
  private nodeRank = new Float64Array(64);
  private readonly nodePayload: T[] = objectArray();
  private freeNodes = 0;
  private nodesMade = 0;
  private inWheel = 0;
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
    if (timeMs - base >= WHEEL_SLOTS) this.later.insert(timeMs, rank, payload);
    else if (timeMs === base && this.current.size > 0) this.current.insert(timeMs, rank, payload);
    else {
      this.addToSlot(timeMs & SLOT_MASK, rank, payload);
      if (timeMs < this.nextSlotTime) this.nextSlot = -1;
    }
  }

  private addToSlot(slot: number, rank: number, payload: T): void {
    let node = this.freeNodes;
    if (node !== 0) this.freeNodes = this.nodeNext[node]!;
    else {
      node = ++this.nodesMade;
      if (node === this.nodeNext.length) this.growNodes();
    }
    const tail = this.tails[slot]!;
    if (tail === 0) {
      this.occupied.set(slot);
      this.heads[slot] = node;
    } else {
      this.nodeNext[tail] = node;
      if (rank < this.nodeRank[tail]!) this.unsorted[slot] = 1;
    }
    this.tails[slot] = node;
    this.nodeNext[node] = 0;
    this.nodeRank[node] = rank;
    this.nodePayload[node] = payload;
    this.inWheel++;
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
    const from = this.base & SLOT_MASK;
    let slot = this.occupied.nextFrom(from);
    if (slot < 0) slot = this.occupied.nextFrom(0);
    this.nextSlot = slot;
    this.nextSlotTime = this.base + ((slot - from) & SLOT_MASK);
    return slot;
  }

  /** Time of the next event, or undefined when the queue is empty (no object made). */
  peekTime(): number | undefined {
    if (this.current.size > 0) return this.base;
    return this.findNextSlot() >= 0 ? this.nextSlotTime : this.later.peekTime();
  }

  /** Removes the next event and returns its payload; undefined when empty (check `size` if payloads may be undefined). */
  popPayload(): T | undefined {
    if (this.current.size > 0) return this.current.popPayload();
    let slot = this.findNextSlot();
    if (slot >= 0) {
      if (this.nextSlotTime !== this.base) this.advanceTo(this.nextSlotTime);
    } else {
      const first = this.later.peekTime();
      if (first === undefined) return undefined;
      this.advanceTo(first);
      slot = first & SLOT_MASK;
    }
    this.nextSlot = -1;
    return this.takeFromSlot(slot);
  }

  /** Moves `base` to `timeMs` and the events now within the wheel's span from `later` into their slots. */
  private advanceTo(timeMs: number): void {
    this.base = timeMs;
    const later = this.later;
    while (later.size > 0 && later.peekTime()! - timeMs < WHEEL_SLOTS) {
      const t = later.peekTime()!;
      const rank = later.topRank();
      this.addToSlot(t & SLOT_MASK, rank, later.popPayload() as T);
    }
  }

  /** Takes the next event out of `slot` (base's): its head, or if it is unsorted, the first by rank with the rest moved into `current`. */
  private takeFromSlot(slot: number): T {
    const { nodeNext, nodePayload } = this;
    let node = this.heads[slot]!;
    if (node === 0) throw new Error(`EventQueue: the slot of ${this.base} ms is empty (a broken invariant)`);
    if (this.unsorted[slot] === 0) {
      const next = nodeNext[node]!;
      this.heads[slot] = next;
      if (next === 0) this.emptySlot(slot);
      else {
        this.nextSlot = slot; // the next event is in the same slot
        this.nextSlotTime = this.base;
      }
      this.inWheel--;
      const payload = nodePayload[node]!;
      this.freeNode(node);
      return payload;
    }
    this.unsorted[slot] = 0;
    this.heads[slot] = 0;
    this.emptySlot(slot);
    while (node !== 0) {
      const next = nodeNext[node]!;
      this.current.insert(this.base, this.nodeRank[node]!, nodePayload[node]!);
      this.inWheel--;
      this.freeNode(node);
      node = next;
    }
    return this.current.popPayload() as T;
  }

  private emptySlot(slot: number): void {
    this.tails[slot] = 0;
    this.occupied.clear(slot);
  }

  private freeNode(node: number): void {
    this.nodePayload[node] = undefined as T; // drop the reference
    this.nodeNext[node] = this.freeNodes;
    this.freeNodes = node;
  }

  peek(): QueuedEvent<T> | undefined {
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
