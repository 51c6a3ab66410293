import { formatDuration } from "../report/units.js";
import { formatUsd } from "./formatUsd.js";
import type { Objective } from "./Objective.js";
import { paretoFront } from "./paretoFront.js";
import { median, seedStats } from "./seedStats.js";
import type { ConfigResult, Recommendation, SweepAnalysis, SweepMeta, SweepRow, SweepRun } from "./SweepResult.js";

/** Cheaper first, then faster, then grid order: a total order, so ties never depend on input order. */
function byCost(a: ConfigResult, b: ConfigResult): number {
  return a.costUsd.median - b.costUsd.median || a.runTimeMs.median - b.runTimeMs.median || a.gridIndex - b.gridIndex;
}

function bySpeed(a: ConfigResult, b: ConfigResult): number {
  return a.runTimeMs.median - b.runTimeMs.median || a.costUsd.median - b.costUsd.median || a.gridIndex - b.gridIndex;
}

/** One result per grid point from its seeds' rows (rows of one point are adjacent: rows are sorted). */
function aggregateConfigs(rows: readonly SweepRow[]): Omit<ConfigResult, "onFront">[] {
  const groups = new Map<number, SweepRow[]>();
  for (const r of rows) {
    const g = groups.get(r.gridIndex);
    if (g === undefined) groups.set(r.gridIndex, [r]);
    else g.push(r);
  }
  return [...groups.values()].map((g) => ({
    gridIndex: g[0]!.gridIndex,
    values: g[0]!.values,
    runs: g.length,
    runTimeMs: seedStats(g.map((r) => r.metrics.makespanMs)),
    costUsd: seedStats(g.map((r) => r.cost.costUsd)),
    vcpuHours: median(g.map((r) => r.cost.vcpuHours)),
    memoryGibHours: median(g.map((r) => r.cost.memoryGibHours)),
    peakExecutors: median(g.map((r) => r.metrics.peakExecutors)),
    utilization: median(g.map((r) => r.metrics.utilization)),
  }));
}

/** Applies the objective to the configs' medians. */
export function recommend(configs: readonly ConfigResult[], objective: Objective, meta: Pick<SweepMeta, "baseConf" | "dynamicAllocationConf">): Recommendation {
  if (configs.length === 0) return { kind: "none", objective, reason: "no grid point ran" };
  const fastest = [...configs].sort(bySpeed)[0]!;
  const cheapest = [...configs].sort(byCost)[0]!;
  let chosen: ConfigResult | undefined;
  let reason = "";
  switch (objective.kind) {
    case "cheapest-within": {
      const limit = fastest.runTimeMs.median * (1 + objective.fraction);
      chosen = configs.filter((c) => c.runTimeMs.median <= limit).sort(byCost)[0];
      break;
    }
    case "fastest-under-cost":
      chosen = configs.filter((c) => c.costUsd.median <= objective.maxCostUsd).sort(bySpeed)[0];
      reason = `no config's median cost is at most ${formatUsd(objective.maxCostUsd)}; the cheapest, #${cheapest.gridIndex}, costs ${formatUsd(cheapest.costUsd.median)}`;
      break;
    case "sla":
      chosen = configs.filter((c) => c.runTimeMs.median <= objective.slaMs).sort(byCost)[0];
      reason = `no config's median run time is within ${formatDuration(objective.slaMs)}; the fastest, #${fastest.gridIndex}, takes ${formatDuration(fastest.runTimeMs.median)}`;
      break;
  }
  if (chosen === undefined) return { kind: "none", objective, reason };
  const changes = { ...meta.baseConf, ...chosen.values };
  return { kind: "chosen", objective, config: chosen, fastest, conf: { ...meta.dynamicAllocationConf, ...changes }, changes };
}

/**
 * The report of a complete sweep: configs over their seeds, the Pareto front of median run
 * time against median cost, and the recommendation. A pure function of the rows, so a merged
 * set of shards gives exactly what one unsharded run gives.
 */
export function analyzeSweep(run: SweepRun, objective: Objective = run.meta.objective): SweepAnalysis {
  const aggregated = aggregateConfigs(run.rows);
  const front = paretoFront(aggregated.map((c) => ({ id: c.gridIndex, runTimeMs: c.runTimeMs.median, costUsd: c.costUsd.median })));
  const onFront = new Set(front);
  const configs = aggregated.map((c) => ({ ...c, onFront: onFront.has(c.gridIndex) })).sort(byCost);
  return { configs, front, recommendation: recommend(configs, objective, run.meta) };
}
