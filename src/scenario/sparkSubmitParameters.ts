import { suggest } from "../../sim/index.js";

/**
 * The `sparkSubmitParameters` string of an EMR on EKS job: spark-submit options, split into
 * words the way a POSIX shell would, then read the way `SparkSubmitOptionParser` does.
 */

export type ShellWords = { readonly ok: true; readonly words: string[] } | { readonly ok: false; readonly message: string };

/**
 * Splits on unquoted whitespace. Single quotes keep everything literally; double quotes keep
 * everything but `\"`, `\\`, `\$` and `` \` `` escapes; a backslash outside quotes escapes the
 * next character. No expansion is done (`$X` stays as written).
 */
export function splitShellWords(text: string): ShellWords {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return { ok: false, message: `unterminated single quote at character ${i + 1}` };
      word += text.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === "\\" && j + 1 < text.length && '"\\$`'.includes(text[j + 1]!)) j++;
        word += text[j];
      }
      if (j >= text.length) return { ok: false, message: `unterminated double quote at character ${i + 1}` };
      inWord = true;
      i = j;
    } else if (ch === "\\") {
      // Backslash-newline is a line continuation; otherwise the next character is literal.
      if (i + 1 < text.length && text[i + 1] !== "\n") {
        word += text[i + 1];
        inWord = true;
      }
      i++;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return { ok: true, words };
}

/** Options that set an executor property, as `SparkSubmitArguments` maps them. */
const PROPERTY_OPTIONS: Readonly<Record<string, string>> = {
  "--num-executors": "spark.executor.instances",
  "--executor-cores": "spark.executor.cores",
  "--executor-memory": "spark.executor.memory",
};

/** spark-submit options that take a value and do not matter to executor allocation. */
const IGNORED_WITH_VALUE = [
  "--archives", "--class", "--deploy-mode", "--driver-class-path", "--driver-cores", "--driver-java-options",
  "--driver-library-path", "--driver-memory", "--exclude-packages", "--files", "--jars", "--keytab", "--kill",
  "--master", "--name", "--packages", "--principal", "--properties-file", "--proxy-user", "--py-files", "--queue",
  "--remote", "--repositories", "--status", "--total-executor-cores",
];
/** Switches (no value). */
const IGNORED_SWITCHES = ["--help", "-h", "--supervise", "--usage-error", "--verbose", "-v", "--version"];
const CONF_OPTIONS = ["--conf", "-c"];
const ALL_OPTIONS = [...CONF_OPTIONS, ...Object.keys(PROPERTY_OPTIONS), ...IGNORED_WITH_VALUE, ...IGNORED_SWITCHES];

export interface SubmitProblem {
  readonly code: "invalid-option" | "unknown-option";
  readonly message: string;
  readonly value: string;
}

export interface SparkSubmitParameters {
  /** `--conf k=v` pairs in order (a later one for the same key wins, as in spark-submit). */
  readonly conf: ReadonlyArray<readonly [key: string, value: string]>;
  /** `--num-executors 5` and the like: [option, property key, value], in order. */
  readonly properties: ReadonlyArray<readonly [option: string, key: string, value: string]>;
  /** Options read but not modelled, as written (`--driver-memory 15G`). */
  readonly ignored: readonly string[];
  readonly problems: readonly SubmitProblem[];
}

/** Reads spark-submit options; `--opt=value` is accepted for every option, as spark-submit does. */
export function parseSparkSubmitParameters(text: string): SparkSubmitParameters {
  const split = splitShellWords(text);
  if (!split.ok) return { conf: [], properties: [], ignored: [], problems: [{ code: "invalid-option", message: split.message, value: text }] };
  const words = split.words;
  const conf: [string, string][] = [];
  const properties: [string, string, string][] = [];
  const ignored: string[] = [];
  const problems: SubmitProblem[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const eq = word.startsWith("--") ? word.indexOf("=") : -1;
    const option = eq > 0 ? word.slice(0, eq) : word;
    const takesValue = CONF_OPTIONS.includes(option) || Object.hasOwn(PROPERTY_OPTIONS, option) || IGNORED_WITH_VALUE.includes(option);
    if (IGNORED_SWITCHES.includes(option)) {
      ignored.push(word);
      continue;
    }
    if (!takesValue) {
      if (word.startsWith("-")) {
        // Its value most likely follows: take it along rather than report it as a stray word.
        if (eq < 0 && i + 1 < words.length && !words[i + 1]!.startsWith("-")) i++;
        const guess = suggest(option, ALL_OPTIONS);
        const mean = guess === undefined ? "" : `; did you mean ${guess}?`;
        problems.push({ code: "unknown-option", message: `spark-submit does not know the option ${JSON.stringify(option)}${mean}`, value: word });
      } else {
        problems.push({
          code: "unknown-option",
          message: `unexpected argument ${JSON.stringify(word)}: sparkSubmitParameters holds spark-submit options only (the application goes in entryPoint, its arguments in entryPointArguments)`,
          value: word,
        });
      }
      continue;
    }
    let value: string;
    if (eq > 0) value = word.slice(eq + 1);
    else if (i + 1 < words.length) value = words[++i]!;
    else {
      problems.push({ code: "invalid-option", message: `${option} needs a value`, value: word });
      continue;
    }
    if (CONF_OPTIONS.includes(option)) {
      // SparkSubmitUtils.parseSparkConfProperty: split at the first "=", the value may be empty.
      const at = value.indexOf("=");
      if (at <= 0) {
        problems.push({ code: "invalid-option", message: `--conf needs key=value, got ${JSON.stringify(value)} (spark-submit: "Spark config without '='")`, value });
        continue;
      }
      conf.push([value.slice(0, at), value.slice(at + 1)]);
    } else if (Object.hasOwn(PROPERTY_OPTIONS, option)) {
      properties.push([option, PROPERTY_OPTIONS[option]!, value]);
    } else {
      ignored.push(`${option} ${value}`);
    }
  }
  return { conf, properties, ignored, problems };
}
