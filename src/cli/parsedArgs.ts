import { UsageError } from "./UsageError.js";

/** Options that may be given several times: yargs collects their repeats into an array. */
const REPEATABLE = new Set(["conf", "grid", "files", "executor"]);

/** Positionals that name an input file. */
const INPUT_POSITIONALS = new Set(["scenario", "eventlog", "input", "files"]);

/** The text given on the command line for `--key` (`--key text` or `--key=text`), for messages. */
function rawValue(raw: readonly string[], key: string): string | undefined {
  for (let i = 0; i < raw.length; i++) {
    const a = raw[i]!;
    if (a === `--${key}`) return raw[i + 1];
    if (a.startsWith(`--${key}=`)) return a.slice(key.length + 3);
  }
  return undefined;
}

/**
 * Checks what yargs parsed, before any command runs, for what yargs lets through: an option
 * meant once given twice (yargs would hand the command an array), text where a number is
 * expected (yargs gives NaN), and "-" (stdin) or nothing as an input file.
 */
export function checkParsedArgs(argv: Record<string, unknown>, raw: readonly string[]): void {
  for (const [key, value] of Object.entries(argv)) {
    // yargs sets both spellings (`json-file` and `jsonFile`) and each alias: check the kebab one.
    if (key === "_" || key === "$0" || /[A-Z]/.test(key) || key.length === 1) continue;
    if (INPUT_POSITIONALS.has(key)) {
      for (const v of Array.isArray(value) ? value : [value]) {
        if (typeof v !== "string" || v === "-" || v.trim() === "") {
          throw new UsageError(`<${key}>: give a file path; reading it from stdin ("-") is not supported (save it to a file first)`);
        }
      }
      continue;
    }
    if (Array.isArray(value) && !REPEATABLE.has(key)) {
      throw new UsageError(`--${key} was given ${value.length} times (${value.map(String).join(", ")}): give it once`);
    }
    if (typeof value === "number" && Number.isNaN(value)) {
      throw new UsageError(`--${key} ${rawValue(raw, key) ?? ""}: expected a number`.replace("  ", " "));
    }
  }
}
