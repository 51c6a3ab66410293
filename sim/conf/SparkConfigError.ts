import { DraSimError } from "../errors.js";
import type { ConfIssue } from "./parseConf.js";
import type { SparkStartupError } from "./validateSettings.js";

/**
 * Spark would not start with this configuration: values it cannot read, or settings its
 * start-up checks refuse. Carries Spark's own messages; the CLI exits with code 2.
 */
export class SparkConfigError extends DraSimError {
  readonly category = "invalid-input";
  override readonly name = "SparkConfigError";
  constructor(
    readonly issues: readonly ConfIssue[],
    readonly startupErrors: readonly SparkStartupError[],
  ) {
    super(configErrorLines(issues, startupErrors).join("\n"));
  }

  override get userMessage(): string {
    return `Spark would refuse to start with this configuration:\n${this.message.replace(/^/gm, "  ")}`;
  }

  /** One `exception: message` line per problem, as Spark prints them: the values it cannot read, then the start-up checks. */
  get lines(): string[] {
    return configErrorLines(this.issues, this.startupErrors);
  }
}

function configErrorLines(issues: readonly ConfIssue[], startupErrors: readonly SparkStartupError[]): string[] {
  return [...issues, ...startupErrors].map((e) => `${e.exception}: ${e.message}`);
}
