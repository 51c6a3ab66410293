import type { Argv } from "yargs";
import { msArg } from "./clusterEstimateArgs.js";
import { UsageError } from "../UsageError.js";

/** `--zip-entry`: shared by every command that reads an event log (replay, import; sweep and explain add it with `zipEntryOption`). */
export interface ZipEntryArgs {
  readonly zipEntry?: string | undefined;
}

export function zipEntryOption<T>(y: Argv<T>) {
  return y.option("zip-entry", {
    type: "string",
    describe: "for a History Server zip holding several logs: the entry (file name, or rolling eventlog_v2_* directory) to read",
  });
}

/** The reader options for `--zip-entry` ({} when not given). */
export function zipEntryReadOptions(args: ZipEntryArgs): { zipEntry?: string } {
  if (args.zipEntry === undefined) return {};
  if (args.zipEntry.trim() === "") throw new UsageError("--zip-entry: give the name of an entry of the zip (the error for a zip of several logs lists them)");
  return { zipEntry: args.zipEntry };
}

/** Reads `--executor-startup-ms`, which must be a whole number of ms from 0 to a day. */
export function startupArg(value: number | undefined): number | undefined {
  return msArg("executor-startup-ms", value);
}
