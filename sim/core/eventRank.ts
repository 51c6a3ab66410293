/**
 * The order of events that fall on the same millisecond, shared by the event queue and its
 * binary heap: each event carries one number, its rank, `phase * SEQ_SPAN + seq`. `phase` is a
 * small non-negative integer the model defines; `seq` is the insertion counter, so events equal
 * in time and phase come out in the order they were scheduled. Comparing (timeMs, rank) is
 * comparing (timeMs, phase, seq), a total order, which is what makes a run deterministic.
 */
export interface QueuedEvent<T> {
  readonly timeMs: number;
  readonly phase: number;
  readonly seq: number;
  readonly payload: T;
}

/** Each rank is phase * SEQ_SPAN + seq: both fit a double's 53 bits exactly. */
export const SEQ_SPAN = 2 ** 32;
export const MAX_PHASE = 2 ** 20;

/** The rank of the `seq`-th push at `phase`; throws when either does not fit its bits. */
export function rankOf(owner: string, phase: number, seq: number): number {
  if (!Number.isInteger(phase) || phase < 0 || phase >= MAX_PHASE) {
    throw new Error(`${owner}.push: phase ${phase} is not an integer from 0 to ${MAX_PHASE - 1}`);
  }
  if (seq >= SEQ_SPAN) throw new Error(`${owner}.push: more than ${SEQ_SPAN} events pushed`);
  return phase * SEQ_SPAN + seq;
}

export function queuedEvent<T>(timeMs: number, rank: number, payload: T): QueuedEvent<T> {
  const phase = Math.floor(rank / SEQ_SPAN);
  return { timeMs, phase, seq: rank - phase * SEQ_SPAN, payload };
}
