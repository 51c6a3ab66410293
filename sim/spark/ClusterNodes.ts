import { numericId } from "./ExecutorNumbersById.js";

/**
 * The hosts executors run on, so that NODE_LOCAL means something (`TaskSchedulerImpl`'s
 * `executorIdToHost`). With `cluster.nodes` the hosts are the nodes, "node-1", "node-2", ...
 * (as many as the cluster has now, autoscaled ones included): an executor goes where its
 * cluster manager put it (a standalone worker, a YARN container's node), else on the first
 * node with room for one more executor (`executorsPerNode`), else on the least loaded node.
 * Without `cluster.nodes` each executor has a host of its own, "host-<id>" (one executor per
 * machine or pod, as the Kubernetes logs show), so node-local is process-local.
 */
export class ClusterNodes {
  /** Hosts of executors placed on a node or by their cluster manager. */
  private readonly hosts = new Map<string, string>();
  /**
   * Executors on a host of their own ("host-<id>"), by executor number, 1 once placed: the host
   * is written when asked, not kept per executor (a map entry per executor ever started was a
   * good part of a registration at tens of thousands of executors).
   */
  private ownHost = new Uint8Array(64);
  /** Live executors per node index. */
  private readonly load: number[] = [];

  constructor(
    /** `cluster.nodes.count` (0 without it): the nodes a stage's input is stored on. */
    readonly initialCount: number,
    /** Nodes the cluster has now (0 without `cluster.nodes`). */
    private readonly nodeCount: () => number,
    /** Executors that fit on one node (`Infinity` when nothing limits it). */
    private readonly perNode: number,
  ) {}

  /** The cluster declares nodes (hosts exist before executors do). */
  get declared(): boolean {
    return this.nodeCount() > 0;
  }

  /** Host name of node index i (0-based). */
  static nodeHost(i: number): string {
    return `node-${i + 1}`;
  }

  /** An executor registered: its host, where its cluster manager placed it or as above (an executor already placed keeps its host). */
  place(executorId: string, placedOn?: string): string {
    const known = this.hosts.get(executorId);
    if (known !== undefined) return known;
    if (placedOn === undefined && !this.declared) {
      const n = numericId(executorId);
      if (n >= 0) {
        if (n >= this.ownHost.length) this.growOwnHost(n);
        this.ownHost[n] = 1;
        return `host-${executorId}`;
      }
    }
    const host = placedOn ?? (this.declared ? ClusterNodes.nodeHost(this.freeNode()) : `host-${executorId}`);
    this.hosts.set(executorId, host);
    const i = nodeIndex(host);
    if (i !== undefined) this.load[i] = (this.load[i] ?? 0) + 1;
    return host;
  }

  /** The executor left: its node has room again (its host stays known, for map output it wrote). */
  release(executorId: string): void {
    const i = nodeIndex(this.hosts.get(executorId));
    if (i !== undefined && (this.load[i] ?? 0) > 0) this.load[i]!--;
  }

  /** The host an executor ran on, live or not. */
  hostOf(executorId: string): string | undefined {
    const host = this.hosts.get(executorId);
    if (host !== undefined) return host;
    const n = numericId(executorId);
    return n >= 0 && this.ownHost[n] === 1 ? `host-${executorId}` : undefined;
  }

  private growOwnHost(n: number): void {
    const grown = new Uint8Array(Math.max(n + 1, this.ownHost.length * 2));
    grown.set(this.ownHost);
    this.ownHost = grown;
  }

  /** Live executors on each node now (index = node index). */
  loadOf(i: number): number {
    return this.load[i] ?? 0;
  }

  /** A container for `executorId` on the first of `preferred` hosts with room, else on the first node with room (YARN's relaxed locality). */
  placeOn(executorId: string, preferred: readonly string[] | undefined): string {
    const wanted = new Set(preferred ?? []);
    return this.place(executorId, ClusterNodes.nodeHost(this.freeNode((i) => wanted.has(ClusterNodes.nodeHost(i)))));
  }

  /** Live executors on a host (`allocatedHostToContainersMap`). */
  loadOfHost(host: string): number {
    const i = nodeIndex(host);
    return i === undefined ? 0 : this.loadOf(i);
  }

  /** The first node with room, else the least loaded (node indices below the current count). */
  freeNode(preferred?: (i: number) => boolean): number {
    const n = this.nodeCount();
    let least = 0;
    for (let i = 0; i < n; i++) {
      if (this.loadOf(i) < this.perNode && (preferred === undefined || preferred(i))) return i;
      if (this.loadOf(i) < this.loadOf(least)) least = i;
    }
    return preferred === undefined ? least : this.freeNode();
  }
}

function nodeIndex(host: string | undefined): number | undefined {
  if (host === undefined || !host.startsWith("node-")) return undefined;
  return Number(host.slice(5)) - 1;
}
