export { checkTerminationRules, fingerprint, type CheckOptions } from "./checkTerminationRules.js";
export { RULES, type RuleNumber, type Violation } from "./Violation.js";
export { formatCounterexample } from "./counterexample.js";
