/**
 * The ApplicationMaster's allocation thread (`ApplicationMaster.allocationThreadImpl`): how long
 * it sleeps between heartbeats to the ResourceManager, for `YarnAllocator` and the replay's
 * estimates.
 */

/**
 * The AM's sleep after a heartbeat (`ApplicationMaster.allocationThreadImpl`): while asks are
 * pending, the initial allocation interval doubling up to the heartbeat interval; otherwise
 * the heartbeat interval, and the doubling starts over. Returns [sleep, next interval].
 */
export function allocationSleepMs(p: {
  readonly pendingAsks: number;
  readonly nextAllocationIntervalMs: number;
  readonly heartbeatIntervalMs: number;
  readonly initialAllocationIntervalMs: number;
}): [sleepMs: number, nextAllocationIntervalMs: number] {
  if (p.pendingAsks > 0) {
    const current = Math.min(p.heartbeatIntervalMs, p.nextAllocationIntervalMs);
    return [current, current * 2];
  }
  return [p.heartbeatIntervalMs, p.initialAllocationIntervalMs];
}

/**
 * When an ask sent on a heartbeat at 0 comes back as a container, if the allocation thread is
 * not woken meanwhile: the first heartbeat at or after `containerAllocationMs`, with the
 * doubling sleeps. The replay subtracts it from measured request-to-registration latencies.
 */
export function containerArrivalMs(p: { readonly heartbeatIntervalMs: number; readonly initialAllocationIntervalMs: number; readonly containerAllocationMs: number }): number {
  let t = 0;
  let next = p.initialAllocationIntervalMs;
  // The heartbeat that sends an ask never brings its container back.
  while (t < p.containerAllocationMs || t === 0) {
    const [sleep, n] = allocationSleepMs({ pendingAsks: 1, nextAllocationIntervalMs: next, heartbeatIntervalMs: p.heartbeatIntervalMs, initialAllocationIntervalMs: p.initialAllocationIntervalMs });
    t += Math.max(1, sleep);
    next = n;
  }
  return t;
}
