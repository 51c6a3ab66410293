import type { IssueCollector, IssuePath } from "./IssueCollector.js";

/** A stage as far as its fields validated: the input of the cross-stage checks. */
export interface StageEntry {
  readonly jobIndex: number;
  /** `workload.jobs[j].stages[s]`. */
  readonly path: IssuePath;
  readonly id: number | undefined;
  /** Parents that are integers >= 0, with their index in the `parents` list. */
  readonly parents: readonly { readonly id: number; readonly index: number }[];
  readonly shuffleId: number | undefined;
  /** The shuffleId key is present (maybe invalid): not reported again as missing. */
  readonly hasShuffleKey: boolean;
}

const listIds = (ids: Iterable<number>): string => {
  const sorted = [...ids].sort((a, b) => a - b);
  return sorted.length > 20 ? `${sorted.slice(0, 20).join(", ")}, ...` : sorted.join(", ");
};

/**
 * The checks that need all stages: unique stage and shuffle ids, parents that exist in the
 * same or an earlier job, no cycles, and a shuffle on every parent stage (in Spark a stage
 * boundary is a shuffle dependency; `DAGScheduler.getOrCreateParentStages`).
 */
export function checkStageGraph(c: IssueCollector, stages: readonly StageEntry[]): void {
  const byId = new Map<number, StageEntry>();
  for (const s of stages) {
    if (s.id === undefined) continue;
    const first = byId.get(s.id);
    if (first !== undefined) {
      c.add([...s.path, "id"], "duplicate-stage-id", `stage id ${s.id} is already used by ${c.where(first.path)}; stage ids must be unique across the scenario`, s.id);
    } else byId.set(s.id, s);
  }

  const shuffleWriter = new Map<number, StageEntry>();
  for (const s of stages) {
    if (s.shuffleId === undefined) continue;
    const first = shuffleWriter.get(s.shuffleId);
    if (first !== undefined) {
      c.add(
        [...s.path, "shuffleId"],
        "duplicate-shuffle-id",
        `shuffle ${s.shuffleId} is already written by stage ${first.id ?? "?"} (${c.where(first.path)}); give this stage another shuffleId, or list stage ${first.id ?? "?"} as a parent to reuse its output`,
        s.shuffleId,
      );
    } else shuffleWriter.set(s.shuffleId, s);
  }

  // Parents: exist, not self, not repeated, not in a later job.
  const childrenOf = new Map<StageEntry, number[]>();
  for (const s of stages) {
    const seen = new Set<number>();
    for (const p of s.parents) {
      const at = [...s.path, "parents", p.index];
      if (p.id === s.id) {
        c.add(at, "self-parent", `stage ${p.id} cannot be its own parent`, p.id);
        continue;
      }
      if (seen.has(p.id)) {
        c.add(at, "duplicate-parent", `stage ${p.id} is listed twice in parents`, p.id);
        continue;
      }
      seen.add(p.id);
      const parent = byId.get(p.id);
      if (parent === undefined) {
        c.add(at, "unknown-parent", `stage ${p.id} does not exist; parents are ids of stages in this job or an earlier one (stage ids: ${listIds(byId.keys())})`, p.id);
        continue;
      }
      if (parent.jobIndex > s.jobIndex) {
        c.add(
          at,
          "later-parent",
          `stage ${p.id} is defined in a later job (${c.where(parent.path)}); a stage can read only stages of its own job or an earlier-listed job`,
          p.id,
        );
        continue;
      }
      if (s.id !== undefined) childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), s.id]);
    }
  }

  reportCycles(c, stages, byId);

  // Suggested shuffle ids for parents without one: the stage's own id when free, else the
  // smallest free id, so the suggestions themselves do not collide.
  const taken = new Set(shuffleWriter.keys());
  const freeShuffleId = (preferred: number): number => {
    let id = taken.has(preferred) ? 0 : preferred;
    while (taken.has(id)) id++;
    taken.add(id);
    return id;
  };
  for (const [parent, children] of childrenOf) {
    if (parent.shuffleId !== undefined || parent.hasShuffleKey || parent.id === undefined) continue;
    const kids = [...new Set(children)].sort((a, b) => a - b);
    c.add(
      parent.path,
      "parent-without-shuffle",
      `stage ${parent.id} is a parent of stage${kids.length > 1 ? "s" : ""} ${kids.join(", ")} but writes no shuffle: in Spark a stage boundary is a shuffle, so a parent stage must have one; add "shuffleId: ${freeShuffleId(parent.id)}" to stage ${parent.id}`,
    );
  }
}

/**
 * The longest chain of stages, each the parent of the next, that a scenario may hold. The
 * engine submits a stage's missing parents depth first, as Spark's DAGScheduler does; chains
 * far longer than real jobs have would exhaust the call stack.
 */
export const MAX_STAGE_CHAIN = 1000;

/**
 * Depth-first search over parent edges (iterative: any chain length is safe here): each cycle
 * within a job reported once, and a chain longer than MAX_STAGE_CHAIN reported at its last stage.
 */
function reportCycles(c: IssueCollector, stages: readonly StageEntry[], byId: ReadonlyMap<number, StageEntry>): void {
  const state = new Map<StageEntry, "open" | "done">();
  const depth = new Map<StageEntry, number>();
  const reported = new Set<string>();
  let tooDeep = false;
  const path: StageEntry[] = [];
  const frames: { readonly s: StageEntry; i: number }[] = [];
  const open = (s: StageEntry): void => {
    state.set(s, "open");
    path.push(s);
    frames.push({ s, i: 0 });
  };
  for (const root of stages) {
    if (root.id === undefined || byId.get(root.id) !== root || state.has(root)) continue;
    open(root);
    while (frames.length > 0) {
      const f = frames[frames.length - 1]!;
      const s = f.s;
      if (f.i < s.parents.length) {
        const p = s.parents[f.i++]!;
        const parent = byId.get(p.id);
        if (parent === undefined || parent === s) continue;
        const st = state.get(parent);
        if (st === undefined) open(parent);
        // Only same-job edges can close a cycle: parents in other jobs are earlier jobs.
        else if (st === "open" && parent.jobIndex === s.jobIndex) {
          const cycle = path.slice(path.indexOf(parent));
          const key = cycle.map((x) => x.id).sort().join(",");
          if (reported.has(key)) continue;
          reported.add(key);
          const ids = [...cycle.map((x) => x.id), parent.id].join(" -> ");
          c.add([...s.path, "parents", p.index], "cycle", `stages ${ids} form a cycle (each lists the next as a parent); a stage's parents must be able to run before it`, p.id);
        }
        continue;
      }
      let d = 1;
      for (const p of s.parents) d = Math.max(d, 1 + (depth.get(byId.get(p.id)!) ?? 0));
      depth.set(s, d);
      if (d > MAX_STAGE_CHAIN && !tooDeep) {
        tooDeep = true;
        c.add([...s.path, "parents"], "too-deep", `stage ${s.id} ends a chain of ${d} stages, each the parent of the next; the simulator follows chains of at most ${MAX_STAGE_CHAIN} stages; real Spark jobs have far fewer`);
      }
      state.set(s, "done");
      path.pop();
      frames.pop();
    }
  }
}
