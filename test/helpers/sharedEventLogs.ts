import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** `shared/eventlogs/` beside the repository (CI clones the repo with `../shared` next to it). */
export const SHARED_EVENTLOGS = resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared/eventlogs");

export function sharedLog(relativePath: string): string {
  return resolve(SHARED_EVENTLOGS, relativePath);
}
