import { fromParsed, type LoadedScenario, type ScenarioFormat } from "./loadScenario.js";
import type { JobRequestFile } from "./validateScenario.js";
import { parseText } from "./sourceText.js";

// Apart from loadScenario.ts: this one reads YAML synchronously, so it loads the yaml library
// with it; the CLI reads files with loadScenarioFile, which loads it only for a YAML file.

/**
 * Parses scenario text held in memory. A `jobRequest` given as a path is taken from
 * `jobRequestFile` (read by the caller); without one it is an issue. Throws `ScenarioError`.
 */
export function loadScenarioText(
  text: string,
  sourceName: string,
  format: ScenarioFormat,
  options: { readonly jobRequestFile?: JobRequestFile } = {},
): LoadedScenario {
  return fromParsed(parseText(text, format), sourceName, options.jobRequestFile);
}
