// Public API of scenario loading: files and objects in, a validated engine `Scenario` out.
export {
  ScenarioError,
  formatScenarioIssue,
  formatScenarioIssues,
  type ScenarioIssue,
  type ScenarioIssueCode,
} from "./ScenarioError.js";
export {
  SCENARIO_KEYS,
  parseScenario,
  validateScenario,
  type JobRequestFile,
  type ValidateScenarioOptions,
  type ValidateScenarioResult,
} from "./validateScenario.js";
export { loadScenarioText } from "./loadScenarioText.js";
export {
  formatOfPath,
  loadScenarioFile,
  parseEmrJobRequestFile,
  type LoadedScenario,
  type ScenarioFormat,
} from "./loadScenario.js";
export {
  parseEmrJobRequest,
  safeParseEmrJobRequest,
  validateEmrJobRequest,
  type JobRequestResult,
  type ParsedJobRequest,
} from "./emrJobRequest.js";
export { formatEmrSparkDefaults, mergeConfLayers, mergeJobRequestConf, type EmrSparkDefaultsOverrides } from "./jobRequestConf.js";
export { EMR_RELEASE_SPARK_VERSIONS, sparkVersionOfEmrRelease, type EmrReleaseLookup } from "./emrReleases.js";
export { parseSparkSubmitParameters, splitShellWords, type SparkSubmitParameters } from "./sparkSubmitParameters.js";
export { unwrapHeredoc } from "./shellHeredoc.js";
