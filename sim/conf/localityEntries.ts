import { entry, fallbackEntry } from "./ConfigEntry.js";
import { BOOLEAN, MILLISECONDS } from "./syntax.js";

const LOCALITY_WAIT = entry({
  key: "spark.locality.wait",
  syntax: MILLISECONDS,
  default: 3000,
  since: "0.5.0",
  doc: "Delay scheduling: how long a task set waits for a slot at its current locality level before it takes a less local one.",
});

/**
 * The keys of delay scheduling and preferred locations (`TaskSetManager`, `TaskSchedulerImpl`,
 * `MapOutputTrackerMaster`), as Spark's `internal/config/package.scala` declares them; spread
 * into the registry's `config`.
 */
export const LOCALITY_CONFIG = {
  LOCALITY_WAIT,
  LOCALITY_WAIT_PROCESS: fallbackEntry(
    { key: "spark.locality.wait.process", syntax: MILLISECONDS, since: "0.8.0", doc: "Wait at PROCESS_LOCAL (a cached partition's executor)." },
    LOCALITY_WAIT,
  ),
  LOCALITY_WAIT_NODE: fallbackEntry({ key: "spark.locality.wait.node", syntax: MILLISECONDS, since: "0.8.0", doc: "Wait at NODE_LOCAL (a preferred host)." }, LOCALITY_WAIT),
  LOCALITY_WAIT_RACK: fallbackEntry({ key: "spark.locality.wait.rack", syntax: MILLISECONDS, since: "0.8.0", doc: "Wait at RACK_LOCAL (no racks are modelled: inert)." }, LOCALITY_WAIT),
  LEGACY_LOCALITY_WAIT_RESET: entry({
    key: "spark.locality.wait.legacyResetOnTaskLaunch",
    syntax: BOOLEAN,
    default: false,
    since: "3.1.0",
    doc: "Reset the delay-scheduling timer on every launch at a locality level (Spark 3.0's rule; SPARK-18886). Spark 3.0 always does.",
  }),
  SCHEDULER_REVIVE_INTERVAL: entry({
    key: "spark.scheduler.revive.interval",
    syntax: MILLISECONDS,
    default: 1000,
    since: "0.8.1",
    doc: "The driver offers every executor's free slots this often: where a task set waiting for locality sees its wait expire.",
  }),
  SHUFFLE_REDUCE_LOCALITY_ENABLE: entry({
    key: "spark.shuffle.reduceLocality.enabled",
    syntax: BOOLEAN,
    default: true,
    since: "1.5.0",
    doc: "Reduce tasks prefer the hosts holding at least 20% of their map output (under 1000 map and reduce partitions).",
  }),
} as const;
