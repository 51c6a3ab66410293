import fc from "fast-check";
import type { ResourceProfileSpec, Scenario } from "../../sim/index.js";

/** Resource profiles and which stages use them (a profile index per stage, or none). */
export interface ProfileDraft {
  readonly profiles: readonly ResourceProfileSpec[];
  /** Taken in turn for the stages in order: undefined leaves a stage on the default profile. */
  readonly picks: ReadonlyArray<number | undefined>;
}

/**
 * One or two resource profiles whose executors fit at least one task (cores >= task cpus, GPUs
 * enough for a task's share), and picks that put some stages on them.
 */
export function resourceProfiles(): fc.Arbitrary<ProfileDraft> {
  const profile = fc
    .record({
      cores: fc.integer({ min: 1, max: 4 }),
      cpusPick: fc.nat(),
      gpus: fc.integer({ min: 0, max: 2 }),
      taskGpus: fc.constantFrom(0.25, 0.5, 1),
    })
    .map(({ cores, cpusPick, gpus, taskGpus }) => ({
      executorCores: cores,
      taskCpus: 1 + (cpusPick % cores),
      ...(gpus > 0 ? { executorGpus: gpus, taskGpus: Math.min(taskGpus, gpus) } : {}),
    }));
  return fc.record({
    profiles: fc.array(profile, { minLength: 1, maxLength: 2 }),
    picks: fc.array(fc.option(fc.nat(), { freq: 2, nil: undefined }), { minLength: 1, maxLength: 8 }),
  }).map(({ profiles, picks }) => ({
    profiles: profiles.map((p, i) => ({ name: `rp${i + 1}`, ...p })),
    picks: picks.map((p) => (p === undefined ? undefined : p % profiles.length)),
  }));
}

/** The workload with the profiles listed and the picked stages naming them. */
export function withResourceProfiles(w: Scenario["workload"], draft: ProfileDraft): Scenario["workload"] {
  let i = 0;
  const pick = (): number | undefined => draft.picks[i++ % draft.picks.length];
  const jobs = w.jobs.map((j) => ({
    ...j,
    stages: j.stages.map((s) => {
      const p = pick();
      return p === undefined ? s : { ...s, resourceProfile: draft.profiles[p]!.name };
    }),
  }));
  return { ...w, jobs, resourceProfiles: draft.profiles };
}
