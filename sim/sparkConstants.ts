/**
 * Spark's fixed numbers that src/ reads as well as the engine (scenario reading, replay's
 * estimates, explain). Here, apart from the modules that use them, so that src/ reads them
 * without loading the engine's modules (CLI start-up: README "Performance").
 */

/** The fixed scheduling interval of the allocation manager (hard-coded in Spark). */
export const ALLOCATION_TICK_MS = 100;

/** Executors requested at start when dynamic allocation is off and instances is unset (YARN/K8s). */
export const DEFAULT_STATIC_EXECUTORS = 2;

/** A Kubernetes executor pod's start-up stages in the order a pod goes through them; all but the last keep it in phase Pending. */
export const POD_STARTUP_STAGES = ["schedulingMs", "imagePullMs", "containerStartMs", "registrationMs"] as const;
