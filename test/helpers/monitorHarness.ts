import type { SparkConf } from "../../sim/conf/SparkConf.js";
import { ExecutorMonitor } from "../../sim/spark/ExecutorMonitor.js";
import { ListenerBus } from "../../sim/spark/SparkListener.js";
import { SUITE_SPARK_VERSION } from "./allocationHarness.js";
import { createConf as createSparkConf } from "./builders.js";
import { ManualClock } from "./ManualClock.js";
import { postToBus, type SparkListenerEvent } from "./sparkListenerEvents.js";

/**
 * The fixture of Spark's `ExecutorMonitorSuite`: a manual clock from 0, the `knownExecs` set
 * that answers the client's `isExecutorActive`, a monitor, and the suite's helpers.
 */

/** The suite's constants, in ms. */
export const IDLE_TIMEOUT_MS = 60_000;
export const STORAGE_TIMEOUT_MS = 120_000;
export const SHUFFLE_TIMEOUT_MS = 240_000;

/**
 * The suite's shared `conf` (idle 60s, cached 120s, shuffle tracking timeout 240s, external
 * shuffle service on; the tracking key is on by default, so effective tracking is off) plus the
 * settings a test adds. Spark's conf is one mutable object whose settings leak into later tests;
 * each port states the settings in force for it instead.
 */
export function monitorConf(extra: Record<string, string> = {}, version: string = SUITE_SPARK_VERSION): SparkConf {
  return createSparkConf(
    {
      "spark.dynamicAllocation.executorIdleTimeout": "60s",
      "spark.dynamicAllocation.cachedExecutorIdleTimeout": "120s",
      "spark.dynamicAllocation.shuffleTracking.timeout": "240s",
      "spark.shuffle.service.enabled": "true",
      ...extra,
    },
    version,
  );
}

export class MonitorHarness {
  readonly clock = new ManualClock(0);
  /** Executors the mocked client reports as active (gates TaskStart and BlockUpdated only). */
  readonly knownExecs = new Set<string>();
  monitor: ExecutorMonitor;
  /** A bus with the monitor alone: posting is calling `monitor.onX(event)` as the suite does. */
  private bus: ListenerBus;

  constructor(conf: SparkConf) {
    this.monitor = this.createExecutorMonitor(conf);
    this.bus = MonitorHarness.busFor(this.monitor);
  }

  /** `monitor = new ExecutorMonitor(conf, client, bus, clock)`, keeping the clock and knownExecs. */
  newMonitor(conf: SparkConf): void {
    this.monitor = this.createExecutorMonitor(conf);
    this.bus = MonitorHarness.busFor(this.monitor);
  }

  private createExecutorMonitor(conf: SparkConf): ExecutorMonitor {
    return new ExecutorMonitor(
      conf,
      this.clock,
      () => {},
      (id) => this.knownExecs.has(id),
    );
  }

  private static busFor(monitor: ExecutorMonitor): ListenerBus {
    const bus = new ListenerBus();
    bus.add(monitor);
    return bus;
  }

  post(event: SparkListenerEvent): void {
    postToBus(this.bus, event, this.clock.getTimeMillis());
  }

  /** Spark's `now + timeout + 1 ns`; one ms here. */
  idleDeadline(): number {
    return this.clock.getTimeMillis() + IDLE_TIMEOUT_MS + 1;
  }

  storageDeadline(): number {
    return this.clock.getTimeMillis() + STORAGE_TIMEOUT_MS + 1;
  }

  shuffleDeadline(): number {
    return this.clock.getTimeMillis() + SHUFFLE_TIMEOUT_MS + 1;
  }

  /**
   * The test-only `timedOutExecutors(when)`: idle (no task, no active shuffle) with a deadline
   * at or before `when`. Unlike the production list it keeps pending-removal executors. Sorted.
   */
  timedOutExecutorsAt(whenMs: number): string[] {
    return [...this.monitor.trackers()]
      .filter((t) => t.isIdle && t.timeoutAtMs <= whenMs)
      .map((t) => t.id)
      .sort();
  }

  /** The production `timedOutExecutors()`, at the clock's now (ids, sorted). */
  timedOutExecutors(): string[] {
    return this.monitor.timedOutExecutors(this.clock.getTimeMillis());
  }

  /** `isExecutorIdle(id)`: throws for an executor that is not tracked, as Spark does. */
  isExecutorIdle(id: string): boolean {
    const t = this.monitor.tracker(id);
    if (t === undefined) throw new Error(`No executor found with id ${id}`);
    return t.isIdle;
  }

  getResourceProfileId(id: string): number {
    return this.monitor.profiles.of(id);
  }

  /** `executorCountWithResourceProfile(rp)`, the UNKNOWN bucket included. */
  executorCountWithResourceProfile(rp: number): number {
    return this.monitor.profiles.executorCount(rp);
  }
}

export function createMonitor(conf: SparkConf = monitorConf()): MonitorHarness {
  return new MonitorHarness(conf);
}
