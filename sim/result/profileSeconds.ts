import { ResourceProfileManager } from "../conf/ResourceProfile.js";
import { forEachEvent } from "./EventLog.js";
import type { SimulationResult } from "./SimulationResult.js";

/** What executors of non-default resource profiles add to (or take from) the default-size totals. */
export interface ProfileSecondsDelta {
  readonly coreSeconds: number;
  readonly memoryMibSeconds: number;
  readonly taskSlotSeconds: number;
}

const NONE: ProfileSecondsDelta = { coreSeconds: 0, memoryMibSeconds: 0, taskSlotSeconds: 0 };

/**
 * The summary counts every executor at the default profile's size; an executor of another
 * profile is counted at its own size instead, from registration to removal (so a Kubernetes
 * pod's termination after a kill counts at the default size). Zero without profiles.
 */
export function profileSecondsDelta(result: SimulationResult): ProfileSecondsDelta {
  const specs = result.scenario.workload.resourceProfiles ?? [];
  if (specs.length === 0) return NONE;
  const profiles = new ResourceProfileManager(result.conf, specs);
  const d = profiles.defaultProfile;
  const added = new Map<string, { readonly atMs: number; readonly rpId: number }>();
  let coreSeconds = 0;
  let memoryMibSeconds = 0;
  let taskSlotSeconds = 0;
  forEachEvent(result, (e) => {
    if (e.type === "executorAdded" && e.resourceProfileId !== undefined) added.set(e.executorId, { atMs: e.timeMs, rpId: e.resourceProfileId });
    if (e.type !== "executorRemoved") return;
    const a = added.get(e.executorId);
    if (a === undefined) return;
    added.delete(e.executorId);
    const rp = profiles.resourceProfileFromId(a.rpId);
    const s = (e.timeMs - a.atMs) / 1000;
    coreSeconds += s * (rp.executorCores - d.executorCores);
    memoryMibSeconds += s * (rp.executorMemoryMiB + rp.executorMemoryOverheadMiB - d.executorMemoryMiB - d.executorMemoryOverheadMiB);
    taskSlotSeconds += s * (rp.maxTasksPerExecutor - d.maxTasksPerExecutor);
  });
  return { coreSeconds, memoryMibSeconds, taskSlotSeconds };
}
