import { expect } from "vitest";
import type { ScenarioIssue, ValidateScenarioResult } from "../../src/scenario/index.js";
import { validateScenario } from "../../src/scenario/index.js";

/** A minimal valid scenario object: one job, one stage. Overrides replace top-level keys. */
export function input(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { workload: { jobs: [{ stages: [{ id: 0, tasks: 2, taskDurationMs: 1000 }] }] }, ...overrides };
}

/** A raw stage object: 2 tasks of 100 ms, plus `extra`. */
export function stage(id: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, tasks: 2, taskDurationMs: 100, ...extra };
}

/** A scenario object whose workload has these stages in one job. */
export function withStages(...stages: unknown[]): Record<string, unknown> {
  return input({ workload: { jobs: [{ stages }] } });
}

/** A scenario object whose workload has these jobs. */
export function withJobs(...jobs: unknown[]): Record<string, unknown> {
  return input({ workload: { jobs } });
}

export function issuesOf(value: unknown, source?: string): ScenarioIssue[] {
  const r = validateScenario(value, source);
  if (r.ok) throw new Error(`expected issues, got a valid scenario: ${JSON.stringify(r.scenario)}`);
  return r.issues;
}

/** The one issue at `path` (fails listing every issue when there is none, or several). */
export function issueAt(issues: readonly ScenarioIssue[], path: string): ScenarioIssue {
  const found = issues.filter((i) => i.path === path);
  expect(found, `issues at ${path} among ${JSON.stringify(issues, null, 1)}`).toHaveLength(1);
  return found[0]!;
}

/** Asserts the only issue of `value` is at `path` with `code`, and its message contains each of `parts`. */
export function expectSingleIssue(value: unknown, path: string, code: string, ...parts: string[]): ScenarioIssue {
  const issues = issuesOf(value);
  expect(issues.map((i) => `${i.path} ${i.code}`)).toEqual([`${path} ${code}`]);
  for (const part of parts) expect(issues[0]!.message).toContain(part);
  return issues[0]!;
}

export function okOf(r: ValidateScenarioResult): Extract<ValidateScenarioResult, { ok: true }> {
  if (!r.ok) throw new Error(`expected a valid scenario, got ${JSON.stringify(r.issues, null, 1)}`);
  return r;
}
