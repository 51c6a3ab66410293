import { readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** `shared/eventlogs/` beside the repository (CI clones the repo with `../shared` next to it). */
export const SHARED_EVENTLOGS = resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared/eventlogs");

export function sharedLog(relativePath: string): string {
  return resolve(SHARED_EVENTLOGS, relativePath);
}

/** Logs under shared/eventlogs: files, and rolling directories as one log each. */
export function listSharedLogs(): string[] {
  const out: string[] = [];
  for (const group of readdirSync(SHARED_EVENTLOGS)) {
    const groupPath = join(SHARED_EVENTLOGS, group);
    if (!statSync(groupPath).isDirectory()) continue; // SOURCES.md
    for (const entry of readdirSync(groupPath)) out.push(`${group}/${entry}`);
  }
  return out.sort();
}
