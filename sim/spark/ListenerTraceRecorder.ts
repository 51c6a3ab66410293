import type { Clock } from "../core/Simulation.js";
import type { ExecutorAllocationClient } from "./ExecutorAllocationManager.js";
import type {
  ShuffleCleaned,
  SparkListener,
  SparkListenerBlockUpdated,
  SparkListenerExecutorAdded,
  SparkListenerExecutorRemoved,
  SparkListenerJobEnd,
  SparkListenerJobStart,
  SparkListenerSpeculativeTaskSubmitted,
  SparkListenerStageCompleted,
  SparkListenerStageSubmitted,
  SparkListenerTaskEnd,
  SparkListenerTaskStart,
  SparkListenerUnpersistRDD,
  SparkListenerUnschedulableTaskSet,
} from "./SparkListener.js";

/**
 * One entry of the listener-event trace: what the engine posted to its allocation listener and
 * ExecutorMonitor, in the order it posted it, with the instant (`t`, ms from application start).
 * `tick` is an allocation tick the engine evaluated (`schedule()`), `end` the application end.
 * Field names are short: a trace carries every task event (`oracle/differential` reads it).
 */
export type ListenerTraceEvent =
  | { readonly t: number; readonly e: "jobStart"; readonly job: number; readonly stages: ReadonlyArray<readonly [stageId: number, numTasks: number, shuffleId: number]> }
  | { readonly t: number; readonly e: "jobEnd"; readonly job: number }
  | { readonly t: number; readonly e: "stageSubmitted"; readonly stage: number; readonly attempt: number; readonly tasks: number }
  | { readonly t: number; readonly e: "stageCompleted"; readonly stage: number; readonly attempt: number }
  | { readonly t: number; readonly e: "taskStart"; readonly stage: number; readonly attempt: number; readonly index: number; readonly exec: string; readonly spec: boolean }
  | {
      readonly t: number;
      readonly e: "taskEnd";
      readonly stage: number;
      readonly attempt: number;
      readonly index: number;
      readonly exec: string;
      readonly spec: boolean;
      readonly reason: SparkListenerTaskEnd["reason"];
    }
  | { readonly t: number; readonly e: "speculativeTaskSubmitted"; readonly stage: number; readonly attempt: number; readonly index: number }
  | { readonly t: number; readonly e: "unschedulableTaskSetAdded" | "unschedulableTaskSetRemoved"; readonly stage: number; readonly attempt: number }
  | { readonly t: number; readonly e: "executorAdded"; readonly exec: string }
  | { readonly t: number; readonly e: "executorRemoved"; readonly exec: string; readonly reason: string }
  | { readonly t: number; readonly e: "blockUpdated"; readonly exec: string; readonly rdd: number; readonly part: number; readonly valid: boolean; readonly disk: boolean }
  | { readonly t: number; readonly e: "unpersistRDD"; readonly rdd: number }
  | { readonly t: number; readonly e: "shuffleCleaned"; readonly shuffle: number }
  | { readonly t: number; readonly e: "tick" }
  | { readonly t: number; readonly e: "end" };

/**
 * One allocation decision: the target moved, a total was requested from the cluster manager
 * (`requestTotalExecutors`), or executors were asked to be killed (`killExecutors`, ids in the
 * order asked). The same shape is written by Spark's own classes in `oracle/differential`.
 */
export type AllocationDecision =
  | { readonly t: number; readonly d: "target"; readonly target: number }
  | { readonly t: number; readonly d: "request"; readonly total: number }
  | { readonly t: number; readonly d: "kill"; readonly ids: readonly string[] }
  | { readonly t: number; readonly d: "decommission"; readonly ids: readonly string[] };

/**
 * Records the listener-event trace and the allocation decisions of one run (opt-in:
 * `SimulateOptions.listenerTrace`), for the decision-level differential test against Spark's
 * `ExecutorAllocationManager`. It listens on the bus after the allocation listener and the
 * monitor, wraps the allocation client, and stops recording at the application end.
 */
export class ListenerTraceRecorder implements SparkListener {
  readonly events: ListenerTraceEvent[] = [];
  readonly decisions: AllocationDecision[] = [];
  private clock: Clock = { now: 0 };
  private ended = false;

  /** Called by the engine with its clock before anything is posted. */
  attach(clock: Clock): void {
    this.clock = clock;
  }

  private push(e: ListenerTraceEvent): void {
    if (!this.ended) this.events.push(e);
  }

  private decide(d: AllocationDecision): void {
    if (!this.ended) this.decisions.push(d);
  }

  /** The allocation client as the manager sees it, recording what is asked of it. */
  client(inner: ExecutorAllocationClient): ExecutorAllocationClient {
    return {
      requestTotalExecutors: (totals) => {
        // The differential test runs the default profile only: its total is the decision.
        this.decide({ t: this.clock.now, d: "request", total: totals.get(0) ?? 0 });
        return inner.requestTotalExecutors(totals);
      },
      killExecutors: (ids) => {
        this.decide({ t: this.clock.now, d: "kill", ids: [...ids] });
        return inner.killExecutors(ids);
      },
      decommissionExecutors: (ids) => {
        this.decide({ t: this.clock.now, d: "decommission", ids: [...ids] });
        return inner.decommissionExecutors(ids);
      },
    };
  }

  targetChanged(target: number): void {
    this.decide({ t: this.clock.now, d: "target", target });
  }

  tick(): void {
    this.push({ t: this.clock.now, e: "tick" });
  }

  end(): void {
    this.push({ t: this.clock.now, e: "end" });
    this.ended = true;
  }

  onJobStart(ev: SparkListenerJobStart): void {
    this.push({ t: this.clock.now, e: "jobStart", job: ev.jobId, stages: ev.stageInfos.map((s) => [s.stageId, s.numTasks, s.shuffleId ?? -1] as const) });
  }
  onJobEnd(ev: SparkListenerJobEnd): void {
    this.push({ t: this.clock.now, e: "jobEnd", job: ev.jobId });
  }
  onStageSubmitted(ev: SparkListenerStageSubmitted): void {
    this.push({ t: this.clock.now, e: "stageSubmitted", stage: ev.stageId, attempt: ev.attempt, tasks: ev.numTasks });
  }
  onStageCompleted(ev: SparkListenerStageCompleted): void {
    this.push({ t: this.clock.now, e: "stageCompleted", stage: ev.stageId, attempt: ev.attempt });
  }
  onTaskStart(ev: SparkListenerTaskStart): void {
    this.push({ t: this.clock.now, e: "taskStart", stage: ev.stageId, attempt: ev.attempt, index: ev.index, exec: ev.executorId, spec: ev.speculative });
  }
  onTaskEnd(ev: SparkListenerTaskEnd): void {
    this.push({ t: this.clock.now, e: "taskEnd", stage: ev.stageId, attempt: ev.attempt, index: ev.index, exec: ev.executorId, spec: ev.speculative, reason: ev.reason });
  }
  onSpeculativeTaskSubmitted(ev: SparkListenerSpeculativeTaskSubmitted): void {
    this.push({ t: this.clock.now, e: "speculativeTaskSubmitted", stage: ev.stageId, attempt: ev.attempt, index: ev.index });
  }
  onUnschedulableTaskSetAdded(ev: SparkListenerUnschedulableTaskSet): void {
    this.push({ t: this.clock.now, e: "unschedulableTaskSetAdded", stage: ev.stageId, attempt: ev.attempt });
  }
  onUnschedulableTaskSetRemoved(ev: SparkListenerUnschedulableTaskSet): void {
    this.push({ t: this.clock.now, e: "unschedulableTaskSetRemoved", stage: ev.stageId, attempt: ev.attempt });
  }
  onExecutorAdded(ev: SparkListenerExecutorAdded): void {
    this.push({ t: this.clock.now, e: "executorAdded", exec: ev.executorId });
  }
  onExecutorRemoved(ev: SparkListenerExecutorRemoved): void {
    this.push({ t: this.clock.now, e: "executorRemoved", exec: ev.executorId, reason: ev.reason });
  }
  onBlockUpdated(ev: SparkListenerBlockUpdated): void {
    this.push({ t: this.clock.now, e: "blockUpdated", exec: ev.executorId, rdd: ev.rddId, part: ev.partition, valid: ev.valid, disk: ev.useDisk });
  }
  onUnpersistRDD(ev: SparkListenerUnpersistRDD): void {
    this.push({ t: this.clock.now, e: "unpersistRDD", rdd: ev.rddId });
  }
  onShuffleCleaned(ev: ShuffleCleaned): void {
    this.push({ t: this.clock.now, e: "shuffleCleaned", shuffle: ev.shuffleId });
  }
}
