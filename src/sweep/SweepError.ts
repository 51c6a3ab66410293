import { DraSimError } from "../../sim/errors.js";
import { API_WORDS, type SweepPhrase, type SweepWords } from "./sweepWords.js";

/**
 * Errors of a sweep. `SweepError` is the base of everything the user can fix (a bad grid,
 * objective or shard, Spark refusing grid points, shard files that do not belong together):
 * the CLI prints its message without a stack trace and exits with code 2.
 */
export class SweepError extends DraSimError {
  readonly category = "invalid-input";
  override readonly name: string = "SweepError";
  /** The message, in the library's words unless restated (`restate`). */
  private readonly phrase: SweepPhrase | undefined;
  constructor(message: string | SweepPhrase) {
    super(typeof message === "string" ? message : message(API_WORDS));
    this.phrase = typeof message === "string" ? undefined : message;
  }

  /** Says the same in `words` (the CLI's flags); a message that names no option stays as it is. */
  restate(words: SweepWords): void {
    if (this.phrase !== undefined) this.message = this.phrase(words);
  }
}

/** A `--grid`, `--objective`, `--sla`, `--shard`, price or CSV input that cannot be read. */
export class SweepInputError extends SweepError {
  override readonly name: string = "SweepInputError";
}

/** One grid point Spark would refuse, with the exceptions Spark would throw at start-up. */
export interface InvalidPoint {
  readonly gridIndex: number;
  /** The grid values of the point, in axis order. */
  readonly values: Readonly<Record<string, string>>;
  /** `exception: message`, as Spark prints them. */
  readonly messages: readonly string[];
}

/** How many bad points the message lists before summing up the rest. */
const LISTED_POINTS = 50;

/**
 * Grid points Spark would refuse to start with, all of them, found before anything ran
 * (like zod, one error holds every issue).
 */
export class SweepConfigError extends SweepError {
  override readonly name: string = "SweepConfigError";
  constructor(
    readonly points: readonly InvalidPoint[],
    readonly totalPoints: number,
  ) {
    super((w) => describeInvalidPoints(points, totalPoints, w));
  }
}

export function formatPointValues(values: Readonly<Record<string, string>>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
}

function describeInvalidPoints(points: readonly InvalidPoint[], total: number, w: SweepWords): string {
  const lines = [
    `Spark would refuse to start with ${points.length} of the ${total} grid point${total === 1 ? "" : "s"} (nothing was run; ${w.skipInvalid} to run the others):`,
  ];
  for (const p of points.slice(0, LISTED_POINTS)) {
    lines.push(`  #${p.gridIndex} ${formatPointValues(p.values)}`);
    for (const m of p.messages) lines.push(...m.split("\n").map((l) => `      ${l}`));
  }
  if (points.length > LISTED_POINTS) lines.push(`  ... and ${points.length - LISTED_POINTS} more`);
  return lines.join("\n");
}

/**
 * A run that could not finish (the engine threw): a simulator bug rather than a user error,
 * so it is not a `SweepError`. Names the grid point and seed to reproduce it with `dra-sim run`.
 */
export class SweepRunError extends DraSimError {
  readonly category = "internal";
  override readonly name = "SweepRunError";
  constructor(
    readonly gridIndex: number,
    readonly seed: number,
    readonly values: Readonly<Record<string, string>>,
    message: string,
  ) {
    super(`grid point #${gridIndex} (${formatPointValues(values) || "no grid values"}), seed ${seed}: the simulation could not finish: ${message}`);
  }
}
