import { parseJsonText } from "./jsonText.js";
import type { ParsedText, ParseTextOptions, TextFormat } from "./parsedText.js";
import { parseYamlText } from "./yamlText.js";

export { MAX_SYNTAX_ISSUES, type ParsedText, type TextFormat } from "./parsedText.js";

/**
 * Parses scenario or job-request text, YAML or JSON. Syntax errors become issues with line and
 * column (shifted by `lineOffset` when the text was cut out of a larger file). `file` marks
 * issues of a file other than the scenario. (The CLI reads files with `loadScenarioFile`, which
 * loads the YAML reader only for a YAML file.)
 */
export function parseText(text: string, format: TextFormat, opts: ParseTextOptions = {}): ParsedText {
  return format === "json" ? parseJsonText(text, opts) : parseYamlText(text, opts);
}
