import type { Argv } from "yargs";
import { checkReportPath, reportOptionSpec, writeReport } from "../reportOutput.js";
import { RULES, type RuleNumber, type Violation } from "../../check/Violation.js";
import { formatDuration } from "../../report/units.js";
import { ExitCode } from "../exitCodes.js";
import { checkOutputPath, humanText, parseConfArgs, printWarnings, writeJson, type CliIO } from "../io.js";
import { loadWithOverrides } from "./run.js";
import { workloadOptions } from "./workloadOptions.js";
import { defineCommand, type ArgsOf } from "../command.js";

export function checkOptions<T>(y: Argv<T>) {
  return workloadOptions(y.positional("scenario", { type: "string", demandOption: true, describe: "scenario file (.yaml, .yml or .json)" }), {
    conf: "Spark property key=value overriding the scenario's conf (repeatable)",
    jobRequest: "EMR on EKS StartJobRun request (JSON) setting the conf",
    sparkVersion: "override the scenario's Spark version",
    clusterManager: "override cluster.manager (kubernetes: Spark's pod allocator; yarn: Spark's YarnAllocator; standalone: Spark's standalone Master)",
  })
    .option("json", { type: "string", describe: "write the violations as JSON ('-' for stdout)" })
    .option("force", { type: "boolean", default: false, describe: "overwrite an existing --json or --report file" })
    .option("report", reportOptionSpec);
}

export type CheckArgs = ArgsOf<typeof checkOptions>;

/** Formats violations grouped by rule, one line each with time and executor. */
export function formatViolations(violations: readonly Violation[]): string {
  const lines: string[] = [];
  for (const rule of Object.keys(RULES).map(Number) as RuleNumber[]) {
    const of = violations.filter((v) => v.rule === rule);
    if (of.length === 0) continue;
    lines.push(`rule ${rule} violated (${of.length}): ${RULES[rule]}`);
    for (const v of of.slice(0, 20)) {
      const where = [v.timeMs === undefined ? "" : `at ${formatDuration(v.timeMs)} (${v.timeMs} ms)`, v.executorId === undefined ? "" : `executor ${v.executorId}`].filter(Boolean).join(", ");
      lines.push(`  - ${where ? `${where}: ` : ""}${v.message}`);
    }
    if (of.length > 20) lines.push(`  ... and ${of.length - 20} more`);
  }
  return lines.join("\n") + "\n";
}

/**
 * `dra-sim check`: Spark's start-up validation (exit 2 when Spark would refuse), then the run,
 * twice, against the termination rules (exit 1 on any violation, 0 when all held).
 */
export async function checkCommand(io: CliIO, args: CheckArgs): Promise<number> {
  const overrides = parseConfArgs(args.conf);
  const jsonPath = args.json === undefined ? undefined : checkOutputPath(io, args.json, args.force, "--json", [args.scenario, args.jobRequest]);
  const reportPath = checkReportPath(io, args.report, args.force, [args.json], [args.scenario, args.jobRequest]);
  const { scenario, warnings } = await loadWithOverrides(io, args);
  // The engine loads once there is a workload to check (start-up: README "Performance").
  const [{ resolveConf, runScenario }, { checkRuns }] = await Promise.all([import("../../run/runScenario.js"), import("../../check/checkRuns.js")]);
  const { conf, warnings: confWarnings } = resolveConf(scenario, overrides);
  printWarnings(io, [...warnings, ...confWarnings]);
  // The engine reads the conf only from `conf`, so the scenario goes in as loaded.
  const violations = checkRuns(scenario, conf);

  const label = `scenario "${scenario.name}" (seed ${scenario.seed}, Spark ${conf.sparkVersion.label})`;
  if (jsonPath !== undefined) {
    await writeJson(io, jsonPath, { scenario: scenario.name, seed: scenario.seed, sparkVersion: conf.sparkVersion.label, held: violations.length === 0, violations }, args.force);
  }
  const human = humanText(io, [jsonPath]);
  const verdict =
    violations.length === 0 ? `${label}: all ${Object.keys(RULES).length} termination rules held\n` : `${label}: ${violations.length} violation(s)\n${formatViolations(violations)}`;
  human(verdict);
  if (reportPath !== undefined) {
    // One more run, with the model trace the report's lanes read (the checked runs do not keep it).
    const out = runScenario(scenario, overrides, { recordTrace: true, warnings });
    await writeReport(io, reportPath, (h) => h.runReportData("check", out.summary, out.result, `\n${verdict}`), args.force);
  }
  return violations.length === 0 ? ExitCode.Ok : ExitCode.RuleViolated;
}

export const command = defineCommand(checkOptions, checkCommand);
