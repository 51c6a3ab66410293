import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";

/**
 * `../shared` beside the repository: the public event logs (`eventlogs/`, each with its public
 * home in SOURCES.md) and the seed guide (`seed/`). They may not be copied into the repository,
 * so a plain clone has no such folder: every test that reads it goes through this helper and is
 * skipped there (`describeShared`, `itShared`); CI, which has the folder, runs them all.
 * `DRA_SIM_SHARED=/elsewhere npm test` points the tests at another copy (or at none, to see
 * what a plain clone runs).
 */
export const SHARED = process.env["DRA_SIM_SHARED"] ?? resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared");

/** `shared/eventlogs/`. */
export const SHARED_EVENTLOGS = join(SHARED, "eventlogs");

/** The seed guide (a copy of the public AWS EMR on EKS best-practices page on dynamic resource allocation). */
export const SHARED_SEED_GUIDE = join(SHARED, "seed", "dynamic-resource-allocation.md");

/** True when `../shared` holds both the event logs and the seed guide. */
export const HAS_SHARED = existsSync(join(SHARED_EVENTLOGS, "SOURCES.md")) && existsSync(SHARED_SEED_GUIDE);

/** The one line printed (by test/setup/sharedNotice.ts) when the tests that need `../shared` are skipped. */
export const SHARED_MISSING_NOTICE = `skipping the tests marked [needs ../shared]: ${SHARED} (the public event logs of shared/eventlogs and the seed guide) is not beside this clone`;

/** `describe`, skipped when `../shared` is absent; its name says so. */
export function describeShared(name: string, fn: () => void): void {
  describe.skipIf(!HAS_SHARED)(`${name} [needs ../shared]`, fn);
}

/** `it`, skipped when `../shared` is absent; its name says so. */
export const itShared: ReturnType<typeof it.skipIf> = it.skipIf(!HAS_SHARED);

export function sharedLog(relativePath: string): string {
  return resolve(SHARED_EVENTLOGS, relativePath);
}

/** Logs under shared/eventlogs: files, and rolling directories as one log each ([] when absent). */
export function listSharedLogs(): string[] {
  if (!HAS_SHARED) return [];
  const out: string[] = [];
  for (const group of readdirSync(SHARED_EVENTLOGS)) {
    const groupPath = join(SHARED_EVENTLOGS, group);
    if (!statSync(groupPath).isDirectory()) continue; // SOURCES.md
    for (const entry of readdirSync(groupPath)) out.push(`${group}/${entry}`);
  }
  return out.sort();
}
