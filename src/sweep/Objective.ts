import { parseTimeAs } from "../../sim/index.js";
import { SweepInputError } from "./SweepError.js";
import type { SweepPhrase } from "./sweepWords.js";

/**
 * What the recommendation optimises, always over the configs' median run time and median
 * cost across seeds:
 * - `cheapest-within`: the cheapest config whose run time is within `fraction` of the fastest;
 * - `fastest-under-cost`: the fastest config costing at most `maxCostUsd`;
 * - `sla`: the cheapest config whose run time is at most `slaMs`.
 */
export type Objective =
  | { readonly kind: "cheapest-within"; readonly fraction: number }
  | { readonly kind: "fastest-under-cost"; readonly maxCostUsd: number }
  | { readonly kind: "sla"; readonly slaMs: number };

export const DEFAULT_OBJECTIVE: Objective = Object.freeze({ kind: "cheapest-within", fraction: 0.1 });

/** Reads `cheapest-within=10%`, `fastest-under-cost=2.50` (dollars, "$" optional) or `sla=20m`. */
export function parseObjective(text: string): Objective {
  const eq = text.indexOf("=");
  const name = (eq < 0 ? text : text.slice(0, eq)).trim();
  const value = eq < 0 ? "" : text.slice(eq + 1).trim();
  switch (name) {
    case "cheapest-within": {
      const m = /^(\d+\.?\d*|\.\d+)\s*%$/.exec(value);
      if (m === null) throw new SweepInputError((w) => `${w.objective} ${text}: expected a percentage, e.g. cheapest-within=10%`);
      return { kind: "cheapest-within", fraction: Number(m[1]) / 100 };
    }
    case "fastest-under-cost": {
      const m = /^\$?(\d+\.?\d*|\.\d+)$/.exec(value);
      if (m === null) throw new SweepInputError((w) => `${w.objective} ${text}: expected a cost in US dollars, e.g. fastest-under-cost=2.50`);
      return { kind: "fastest-under-cost", maxCostUsd: Number(m[1]) };
    }
    case "sla":
      return { kind: "sla", slaMs: readSla(value, (w) => `${w.objective} ${text}`) };
    default:
      throw new SweepInputError((w) => `${w.objective} ${text}: expected cheapest-within=P%, fastest-under-cost=USD or sla=DURATION`);
  }
}

/** A run-time limit in Spark's time syntax ("20m" is 20 minutes, "90s", "1h"); a bare number is seconds. */
export function parseSla(text: string): number {
  return readSla(text, (w) => w.sla);
}

/** `parseSla`, naming what was given as `label` says. */
function readSla(text: string, label: SweepPhrase): number {
  const r = parseTimeAs(text, "ms");
  // A bare number reads as seconds, as most of Spark's timeouts do; "20" ms is never meant.
  const ms = /^\s*\d+\s*$/.test(text) ? Number(text) * 1000 : r.ok ? r.value : NaN;
  if (!Number.isFinite(ms) || ms <= 0) throw new SweepInputError((w) => `${label(w)}: "${text}" is not a duration such as 20m, 90s or 1h`);
  return ms;
}

/** The canonical text of an objective: `parseObjective(formatObjective(o))` gives `o` back. */
export function formatObjective(o: Objective): string {
  switch (o.kind) {
    case "cheapest-within":
      return `cheapest-within=${trimNumber(o.fraction * 100)}%`;
    case "fastest-under-cost":
      return `fastest-under-cost=${o.maxCostUsd}`;
    case "sla":
      return `sla=${o.slaMs}ms`;
  }
}

function trimNumber(v: number): string {
  return String(Number(v.toPrecision(12)));
}

/** An objective read back from JSON (a CSV's metadata): checked, keys in canonical order. */
export function normalizeObjective(value: unknown, source: string): Objective {
  const o = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  const num = (k: string): number | undefined => (typeof o[k] === "number" && Number.isFinite(o[k]) && (o[k] as number) >= 0 ? (o[k] as number) : undefined);
  const fraction = num("fraction");
  const maxCostUsd = num("maxCostUsd");
  const slaMs = num("slaMs");
  if (o["kind"] === "cheapest-within" && fraction !== undefined) return { kind: "cheapest-within", fraction };
  if (o["kind"] === "fastest-under-cost" && maxCostUsd !== undefined) return { kind: "fastest-under-cost", maxCostUsd };
  if (o["kind"] === "sla" && slaMs !== undefined && slaMs > 0) return { kind: "sla", slaMs };
  throw new SweepInputError(`${source}: the metadata's objective ${JSON.stringify(value)} is not one dra-sim writes`);
}
