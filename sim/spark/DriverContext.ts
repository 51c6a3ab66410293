import type { SeededRandom } from "../core/random.js";
import type { Simulation } from "../core/Simulation.js";
import type { SparkConf } from "../conf/SparkConf.js";
import type { EventLog } from "../result/EventLog.js";
import type { SimEvent } from "../result/SimEvent.js";
import type { Scenario } from "../scenario/Scenario.js";
import type { AppEvent } from "./AppEvent.js";
import type { MapOutputTracker } from "./MapOutputTracker.js";
import type { ResourceProfileManager } from "../conf/ResourceProfile.js";
import type { ListenerBus } from "./SparkListener.js";

/**
 * What every part of the driver reaches (in Spark through the `SparkContext` and `SparkEnv`):
 * the application's event queue and clock, its conf and scenario, the listener bus, the map
 * output tracker, the resource profiles, the run's random generator, and the events log.
 */
export interface DriverContext {
  readonly sim: Simulation<AppEvent>;
  readonly conf: SparkConf;
  readonly scenario: Scenario;
  readonly bus: ListenerBus;
  readonly mapOutputs: MapOutputTracker;
  /** The default resource profile and the scenario's. */
  readonly profiles: ResourceProfileManager;
  /** Every consumer draws from its own named stream of it. */
  readonly random: SeededRandom;
  /** Appends to the run's events (`--events`). */
  record(e: SimEvent): void;
  /** The run's events, with a method for each frequent kind (no object per event until the result is read). */
  readonly events: EventLog;
}
