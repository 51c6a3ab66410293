import type { SeededRandom, RandomStream } from "../core/random.js";
import { sampleDuration } from "../scenario/durations.js";
import type { PodStartupSpec } from "../scenario/Scenario.js";
import type { StartupDraw } from "./ClusterManager.js";

import { POD_STARTUP_STAGES } from "../sparkConstants.js";

/**
 * A Kubernetes executor pod's start-up as stages, each drawn from its own seeded substream
 * (`podStartup/<stage>`, so a stage's draws do not depend on the others): once the pod fits on
 * a node, the scheduler binds it (`schedulingMs`), the kubelet pulls the image (`imagePullMs`)
 * and starts the container (`containerStartMs`): the pod is Pending until then and Running
 * after, which is what `ExecutorPodsAllocator` counts. The JVM then starts and the executor
 * registers with the driver (`registrationMs`).
 */
export class PodStartup {
  private readonly streams: Record<(typeof POD_STARTUP_STAGES)[number], RandomStream>;

  constructor(
    private readonly spec: PodStartupSpec,
    random: SeededRandom,
  ) {
    this.streams = {
      schedulingMs: random.stream("podStartup", "schedulingMs"),
      imagePullMs: random.stream("podStartup", "imagePullMs"),
      containerStartMs: random.stream("podStartup", "containerStartMs"),
      registrationMs: random.stream("podStartup", "registrationMs"),
    };
  }

  /** The start-up of pod number `index` (in creation order) from the moment it fits on a node. */
  draw(index: number): StartupDraw {
    const stage = (name: (typeof POD_STARTUP_STAGES)[number]): number => Math.max(0, sampleDuration(this.spec[name], index, this.streams[name]));
    const runningAfterMs = stage("schedulingMs") + stage("imagePullMs") + stage("containerStartMs");
    return { runningAfterMs, registeredAfterMs: runningAfterMs + stage("registrationMs") };
  }
}
