import { describe, it } from "vitest";
import { RULES, type RuleNumber } from "../../src/check/Violation.js";
import { assertOverScenarios, violationsOf } from "./propertyHarness.js";

describe("termination rules hold over generated scenarios (fixed seed, 200 runs each)", () => {
  for (const rule of Object.keys(RULES).map(Number) as RuleNumber[]) {
    it(`rule ${rule}: ${RULES[rule]}`, () => {
      assertOverScenarios(`rule-${rule}`, (s) => violationsOf(rule, s));
    });
  }
});
