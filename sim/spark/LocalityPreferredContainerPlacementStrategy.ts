/** One container request's preferred nodes (`ContainerLocalityPreferences`; undefined: any node). */
export type ContainerLocalityPreference = readonly string[] | undefined;

export interface PlacementInput {
  /** Containers to ask for now. */
  readonly numContainer: number;
  readonly numLocalityAwareTasks: number;
  readonly hostToLocalTaskCount: ReadonlyMap<string, number>;
  /** Containers running per host (`allocatedHostToContainersMap`). */
  readonly allocatedHostToContainers: (host: string) => number;
  /** Pending requests whose nodes include a host with local tasks (`localityMatchedPendingAllocations`). */
  readonly localityMatchedPendingAllocations: ReadonlyArray<readonly string[]>;
  /** Task slots per executor (`numExecutorsNeeded` divides by it). */
  readonly tasksPerExecutor: number;
}

/**
 * Spark's `LocalityPreferredContainerPlacementStrategy.localityOfRequestedContainers` (YARN):
 * the containers the local tasks need on each host (their share of the executors the
 * locality-aware tasks need, less containers running or pending there), and the new requests'
 * preferred nodes in proportion, the rest with no preference.
 */
export function localityOfRequestedContainers(p: PlacementInput): ContainerLocalityPreference[] {
  const updated = expectedHostToContainerCount(p);
  let localityAware = 0;
  for (const n of updated.values()) localityAware += n;
  const requiredLocalityFree = Math.max(0, p.numContainer - localityAware);
  const requiredLocalityAware = p.numContainer - requiredLocalityFree;
  const out: ContainerLocalityPreference[] = [];
  for (let i = 0; i < requiredLocalityFree; i++) out.push(undefined);
  if (requiredLocalityAware > 0) {
    const largest = Math.max(...updated.values());
    // Round each host's ratio to the number of locality-aware containers.
    let ratio = [...updated].map(([host, n]) => [host, Math.ceil((n * requiredLocalityAware) / largest)] as const);
    for (let i = 0; i < requiredLocalityAware; i++) {
      out.push(ratio.filter(([, r]) => r > 0).map(([host]) => host));
      ratio = ratio.map(([host, r]) => [host, r - 1] as const);
    }
  }
  return out;
}

/** `expectedHostToContainerCount`: per host, containers still wanted for its local tasks. */
function expectedHostToContainerCount(p: PlacementInput): Map<string, number> {
  let totalLocalTaskNum = 0;
  for (const n of p.hostToLocalTaskCount.values()) totalLocalTaskNum += n;
  const pending = pendingHostToContainerCount(p.localityMatchedPendingAllocations);
  const needed = Math.ceil(p.numLocalityAwareTasks / Math.max(1, p.tasksPerExecutor));
  const out = new Map<string, number>();
  for (const [host, count] of p.hostToLocalTaskCount) {
    const expected = (count * needed) / totalLocalTaskNum;
    const existed = p.allocatedHostToContainers(host) + (pending.get(host) ?? 0);
    out.set(host, Math.max(0, Math.ceil(expected - existed)));
  }
  return out;
}

/** `pendingHostToContainerCount`: the pending requests spread over the hosts they name, in proportion to how often each is named. */
function pendingHostToContainerCount(requests: ReadonlyArray<readonly string[]>): Map<string, number> {
  const counts = new Map<string, number>();
  let mentions = 0;
  for (const nodes of requests) {
    for (const host of nodes) counts.set(host, (counts.get(host) ?? 0) + 1);
    mentions += nodes.length;
  }
  for (const [host, n] of counts) counts.set(host, (n * requests.length) / mentions);
  return counts;
}
