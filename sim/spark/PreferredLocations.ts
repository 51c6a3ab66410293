import type { SeededRandom } from "../core/random.js";
import type { Clock } from "../core/Simulation.js";
import type { LocalityConf } from "../conf/SparkConf.js";
import type { BlockManagerMaster } from "./BlockManagerMaster.js";
import { ClusterNodes } from "./ClusterNodes.js";
import type { MapOutputTracker } from "./MapOutputTracker.js";
import type { LocalityView, TaskLocation } from "./PendingTasksByLocality.js";
import type { Stage } from "./Stage.js";
import type { TaskSetLocality } from "./TaskSetManager.js";

/** `MapOutputTrackerMaster.SHUFFLE_PREF_MAP_THRESHOLD` and `SHUFFLE_PREF_REDUCE_THRESHOLD`. */
export const SHUFFLE_PREF_MAP_THRESHOLD = 1000;
export const SHUFFLE_PREF_REDUCE_THRESHOLD = 1000;
/** `MapOutputTrackerMaster.REDUCER_PREF_LOCS_FRACTION`: a host with this share of a reducer's input is preferred. */
export const REDUCER_PREF_LOCS_FRACTION = 0.2;

export interface PreferredLocationsParts {
  readonly conf: LocalityConf;
  readonly mapOutputs: MapOutputTracker;
  readonly blocks: BlockManagerMaster;
  readonly nodes: ClusterNodes;
  readonly view: LocalityView;
  readonly random: SeededRandom;
  readonly clock: Clock;
}

/**
 * Each task's preferred locations when its stage is submitted (`DAGScheduler.getPreferredLocs`),
 * first found wins: the executor caching the partition it reads (`getCacheLocs`, PROCESS_LOCAL);
 * the hosts holding its input (a stage's `inputReplicas` copies on the cluster's nodes, drawn
 * from the seed, as an HDFS file's blocks); the hosts holding at least 20% of its map output
 * (`getPreferredLocationsForShuffle`, with `spark.shuffle.reduceLocality.enabled`, fewer than
 * 1000 map and reduce partitions, and one parent shuffle: a stage reading several shuffles
 * (a join) zips RDDs whose own locations are empty). Map outputs are taken as equal in size.
 */
export class PreferredLocations {
  /** Input hosts per stage id and partition, drawn once. */
  private readonly inputHosts = new Map<number, string[][]>();

  constructor(private readonly p: PreferredLocationsParts) {}

  /** The task set's locality, or undefined when no task has a preferred location. */
  forTaskSet(stage: Stage, partitions: Int32Array): TaskSetLocality | undefined {
    const shuffleHosts = this.shuffleHosts(stage);
    // Most stages have no source of preferences: no per-task array for them.
    const { readsCachedRddId, inputReplicas, inputHosts } = stage.spec;
    if (shuffleHosts === undefined && readsCachedRddId === undefined && inputReplicas === undefined && inputHosts === undefined) return undefined;
    const preferred: Array<TaskLocation[] | undefined> = [];
    let any = false;
    for (let i = 0; i < partitions.length; i++) {
      const locs = this.cached(stage, partitions[i]!) ?? this.input(stage, partitions[i]!) ?? shuffleHosts;
      preferred.push(locs);
      if (locs !== undefined) any = true;
    }
    return any ? { preferred, conf: this.p.conf, view: this.p.view, nowMs: this.p.clock.now } : undefined;
  }

  private cached(stage: Stage, partition: number): TaskLocation[] | undefined {
    const rddId = stage.spec.readsCachedRddId;
    if (rddId === undefined) return undefined;
    const executorId = this.p.blocks.location(rddId, partition);
    const host = executorId === undefined ? undefined : this.p.nodes.hostOf(executorId);
    return host === undefined ? undefined : [{ host, executorId: executorId! }];
  }

  private input(stage: Stage, partition: number): TaskLocation[] | undefined {
    const given = stage.spec.inputHosts?.[partition];
    if (given !== undefined && given.length > 0) return given.map((host) => ({ host }));
    const replicas = stage.spec.inputReplicas;
    if (replicas === undefined) return undefined;
    let hosts = this.inputHosts.get(stage.spec.id);
    if (hosts === undefined) {
      hosts = drawInputHosts(stage.spec.tasks, replicas, this.p.nodes, this.p.random.stream("inputHosts", stage.spec.id));
      this.inputHosts.set(stage.spec.id, hosts);
    }
    const h = hosts[partition];
    return h === undefined || h.length === 0 ? undefined : h.map((host) => ({ host }));
  }

  /** `getPreferredLocationsForShuffle` for a stage's one parent shuffle (the same for every reducer here). */
  private shuffleHosts(stage: Stage): TaskLocation[] | undefined {
    if (!this.p.conf.shuffleReduceLocalityEnabled || stage.parents.length !== 1) return undefined;
    const parent = stage.parents[0]!.spec;
    if (parent.shuffleId === undefined || parent.tasks >= SHUFFLE_PREF_MAP_THRESHOLD || stage.spec.tasks >= SHUFFLE_PREF_REDUCE_THRESHOLD) return undefined;
    const executors = this.p.mapOutputs.locationsWithLargestOutputs(parent.shuffleId, REDUCER_PREF_LOCS_FRACTION);
    const hosts = [...new Set(executors.map((e) => this.p.nodes.hostOf(e)).filter((h) => h !== undefined))];
    return hosts.length === 0 ? undefined : hosts.map((host) => ({ host }));
  }
}

/** Each partition's input on `replicas` distinct nodes of the cluster's initial nodes, drawn from the stream. */
function drawInputHosts(partitions: number, replicas: number, nodes: ClusterNodes, stream: { next(): number }): string[][] {
  const count = nodes.initialCount;
  const out: string[][] = [];
  for (let p = 0; p < partitions; p++) {
    const chosen: number[] = [];
    while (chosen.length < Math.min(replicas, count)) {
      const i = Math.floor(stream.next() * count);
      if (!chosen.includes(i)) chosen.push(i);
    }
    out.push(chosen.map((i) => ClusterNodes.nodeHost(i)));
  }
  return out;
}
