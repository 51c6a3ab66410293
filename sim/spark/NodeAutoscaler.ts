import type { NodesSpec } from "../scenario/Scenario.js";

/**
 * Nodes for executors and a node autoscaler as cluster-autoscaler and Karpenter behave: pods
 * (containers) that do not fit wait; waiting ones make it add enough nodes for them, each
 * ready `scaleUpDelayMs` later, up to `maxNodes`; a node left spare (the executors fit on one
 * node fewer) for `scaleDownIdleMs` is removed, down to the initial count. Executors are not
 * pinned to nodes: capacity is nodes x executorsPerNode.
 */
export class NodeAutoscaler {
  nodes: number;
  private pendingNodes = 0;
  /** Since when the executors fit on one node fewer (undefined: they do not). */
  private spareSinceMs: number | undefined;

  constructor(
    private readonly spec: NodesSpec,
    /** Executors that fit on one node (`NodeResources.executorsPerNode`). */
    private readonly perNode: number,
    /** Schedule a node change: a node ready (`up`) or a scale-down check (`down`). */
    private readonly schedule: (atMs: number, kind: "up" | "down") => void,
  ) {
    this.nodes = spec.count;
  }

  get capacity(): number {
    return this.nodes * this.perNode;
  }

  /** Executors wait for room: ask for the nodes they need that are not already coming. */
  requestsWaiting(waiting: number, nowMs: number): void {
    const a = this.spec.autoscaler;
    if (a === undefined || waiting <= 0) return;
    const need = Math.ceil(waiting / this.perNode) - this.pendingNodes;
    const room = a.maxNodes - this.nodes - this.pendingNodes;
    for (let i = 0; i < Math.min(need, room); i++) {
      this.pendingNodes++;
      this.schedule(nowMs + a.scaleUpDelayMs, "up");
    }
  }

  nodeReady(): void {
    this.pendingNodes--;
    this.nodes++;
  }

  /** The containers in use changed: start or stop the spare-node clock. */
  usage(live: number, nowMs: number): void {
    const a = this.spec.autoscaler;
    if (a === undefined) return;
    const spare = this.nodes > this.spec.count && live <= (this.nodes - 1) * this.perNode;
    if (!spare) this.spareSinceMs = undefined;
    else if (this.spareSinceMs === undefined) {
      this.spareSinceMs = nowMs;
      this.schedule(nowMs + a.scaleDownIdleMs, "down");
    }
  }

  /** A scale-down check: remove a node that stayed spare for the whole idle period. */
  scaleDown(live: number, nowMs: number): void {
    const a = this.spec.autoscaler;
    if (a === undefined || this.spareSinceMs === undefined || nowMs - this.spareSinceMs < a.scaleDownIdleMs) return;
    this.nodes--;
    this.spareSinceMs = undefined;
    this.usage(live, nowMs);
  }
}
