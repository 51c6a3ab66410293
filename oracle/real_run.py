#!/usr/bin/env python3
"""Runs a scenario file as a real Spark application with dynamic allocation and keeps its event log.

    python3 oracle/real_run.py SCENARIO.yaml --spark 3.5.7 --out DIR [--name NAME]

The launcher (any Python 3) installs pyspark SPARK in its own virtual environment (oracle/setup.sh),
then runs this file again with that environment's Python as the application (`--app`).

The application reproduces the scenario's workload:
  * one Spark job (one action) per scenario job, submitted at `submitAtMs` from the application
    start or `afterPreviousMs` after the previous job ended (jobs with `submitAtMs` run in their
    own driver threads, so they can overlap);
  * one Spark stage per scenario stage with the scenario's task count; task i sleeps for the
    stage's i-th duration (constant or per-task list; distributions are refused, since a real
    run must reproduce the exact durations the model draws);
  * a stage with `shuffleId` writes a shuffle that its child stage reads (one parent per stage:
    a PySpark stage cannot read two shuffles without adding a stage of its own);
  * `cacheRddId`: the stage's RDD is persisted, each task caching its partition; `unpersist`
    entries call `unpersist()` at their time from the application start;
  * `endAfterLastJobMs` of driver time before `SparkContext.stop()`;
  * the scenario's conf, passed through, plus the event log settings.
The cluster is `local-cluster[1, cores, memory]`: one standalone worker in the driver's JVM with
enough cores and memory for maxExecutors executors of spark.executor.cores cores each, which
launches each executor as its own JVM (so executor start-up is real).
"""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ORACLE_HOME = os.environ.get("DRA_SIM_ORACLE_HOME", os.path.expanduser("~/.cache/dra-sim-oracle"))


class ScenarioError(Exception):
    pass


def fail(msg):
    print(f"real_run: {msg}", file=sys.stderr)
    sys.exit(2)


# ---------------------------------------------------------------- launcher

def launcher(args):
    if not os.path.isfile(args.scenario):
        fail(f"{args.scenario}: no such file")
    venv = os.path.join(ORACLE_HOME, f"venv-{args.spark}")
    start = time.time()
    r = subprocess.run(["bash", os.path.join(HERE, "setup.sh"), args.spark])
    if r.returncode != 0:
        fail(f"could not install pyspark {args.spark} (oracle/setup.sh exited {r.returncode})")
    print(f"real_run: pyspark {args.spark} ready in {time.time() - start:.0f} s", file=sys.stderr)
    cmd = [os.path.join(venv, "bin", "python"), os.path.abspath(__file__), "--app", args.scenario,
           "--spark", args.spark, "--out", args.out] + (["--name", args.name] if args.name else [])
    env = dict(os.environ)
    env.pop("SPARK_HOME", None)
    env["PYSPARK_PYTHON"] = os.path.join(venv, "bin", "python")
    sys.exit(subprocess.run(cmd, env=env).returncode)


# ---------------------------------------------------------------- scenario

def load_scenario(path):
    import yaml  # installed by setup.sh in the venv
    with open(path) as f:
        doc = yaml.safe_load(f)
    if not isinstance(doc, dict):
        raise ScenarioError(f"{path}: not a mapping")
    conf = {}

    def flatten(prefix, v):
        if isinstance(v, dict):
            for k, x in v.items():
                flatten(f"{prefix}.{k}" if prefix else str(k), x)
        elif isinstance(v, bool):
            conf[prefix] = "true" if v else "false"
        else:
            conf[prefix] = str(v)

    flatten("", doc.get("conf") or {})
    wl = doc.get("workload") or {}
    jobs = wl.get("jobs") or []
    if not jobs:
        raise ScenarioError(f"{path}: workload.jobs: at least one job is needed")
    stages = {}
    for j, job in enumerate(jobs):
        for s, st in enumerate(job.get("stages") or []):
            where = f"{path}: workload.jobs[{j}].stages[{s}]"
            d = st.get("taskDurationMs")
            n = st["tasks"]
            if isinstance(d, int):
                durs = [d] * n
            elif isinstance(d, list):
                if len(d) != n:
                    raise ScenarioError(f"{where}.taskDurationMs: {len(d)} entries for {n} tasks")
                durs = list(d)
            else:
                raise ScenarioError(f"{where}.taskDurationMs: {json.dumps(d)}: a real run needs the exact durations "
                                    "(a number or one number per task), not a distribution")
            parents = st.get("parents") or []
            if len(parents) > 1:
                raise ScenarioError(f"{where}.parents: {parents}: a real run supports one parent stage per stage")
            stages[st["id"]] = {"job": j, "tasks": n, "durations": durs, "parents": parents,
                                "shuffle": st.get("shuffleId"), "cache": st.get("cacheRddId")}
    for sid, st in stages.items():
        for p in st["parents"]:
            if p not in stages or stages[p]["shuffle"] is None:
                raise ScenarioError(f"{path}: stage {sid}: parent {p} is not a stage with a shuffleId")
    children = {}
    for sid, st in stages.items():
        for p in st["parents"]:
            children.setdefault(p, set()).add(st["tasks"])
    for p, counts in children.items():
        if len(counts) > 1:
            raise ScenarioError(f"{path}: stage {p}: its shuffle is read by stages of different task counts {sorted(counts)}")
    return doc, conf, jobs, stages, children, wl


# ---------------------------------------------------------------- application

def use_newer_cloudpickle():
    """pyspark < 3.4 bundles a cloudpickle that cannot pickle functions on Python 3.11; setup.sh
    installs cloudpickle 2.2.1 (which can) in those venvs, and pyspark is pointed at it here."""
    try:
        import cloudpickle
    except ImportError:
        return
    sys.modules["pyspark.cloudpickle"] = cloudpickle


def app(args):
    import gc
    import threading
    use_newer_cloudpickle()
    from pyspark import SparkConf, SparkContext, StorageLevel

    doc, conf, jobs, stages, children, wl = load_scenario(args.scenario)
    cores = int(conf.get("spark.executor.cores", "1"))
    if "spark.dynamicAllocation.maxExecutors" not in conf:
        raise ScenarioError(f"{args.scenario}: conf: spark.dynamicAllocation.maxExecutors must be set (it sizes the cluster)")
    max_exec = int(conf["spark.dynamicAllocation.maxExecutors"])
    exec_mem_mb = 512
    conf.setdefault("spark.executor.memory", f"{exec_mem_mb}m")
    name = args.name or doc.get("name") or os.path.splitext(os.path.basename(args.scenario))[0]
    os.makedirs(args.out, exist_ok=True)
    # One worker with room for every executor (memory: executor memory + slack per executor).
    master = f"local-cluster[1,{max_exec * cores},{max_exec * (exec_mem_mb + 128)}]"
    sc_conf = SparkConf().setMaster(master).setAppName(name)
    for k, v in conf.items():
        sc_conf.set(k, v)
    sc_conf.set("spark.eventLog.enabled", "true")
    sc_conf.set("spark.eventLog.dir", "file://" + os.path.abspath(args.out))
    sc_conf.set("spark.eventLog.compress", "true")
    sc_conf.set("spark.eventLog.compression.codec", "zstd")
    sc_conf.set("spark.eventLog.rolling.enabled", "false")  # one file (4.0 made rolling the default)
    sc_conf.set("spark.driver.memory", "1g")
    # A small machine runs several of these at once: JVMs that start with one GC thread and the
    # C1 compiler only reach the executor start-up that dynamic allocation waits for sooner.
    light_jvm = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
    for k in ("spark.driver.extraJavaOptions", "spark.executor.extraJavaOptions"):
        if k not in conf:
            sc_conf.set(k, light_jvm)
    sc_conf.set("spark.ui.enabled", "false")
    sc_conf.set("spark.python.worker.reuse", "true")
    sc = SparkContext(conf=sc_conf)
    sc.setLogLevel("WARN")
    t0 = sc.startTime  # ms since the epoch, the application start in the event log

    def now_ms():
        return time.time() * 1000 - t0

    def sleep_until(ms):
        d = ms - now_ms()
        if d > 0:
            time.sleep(d / 1000)

    # The last job whose lineage includes each stage: after it ends the driver drops its RDDs.
    last_job = {}
    for sid, st in stages.items():
        last_job[sid] = max(last_job.get(sid, -1), st["job"])

        def mark(p, j):
            last_job[p] = max(last_job.get(p, -1), j)
            for q in stages[p]["parents"]:
                mark(q, j)

        for p in st["parents"]:
            mark(p, st["job"])

    rdds = {}
    shuffled = {}
    lock = threading.Lock()

    def stage_rdd(sid):
        with lock:
            if sid in rdds:
                return rdds[sid]
        st = stages[sid]
        durs = st["durations"]
        if st["parents"]:
            src = shuffled_rdd(st["parents"][0])
        else:
            src = sc.parallelize(range(st["tasks"]), st["tasks"])
        fanout = min(children.get(sid, {1}))

        def run_task(i, it, durs=durs, fanout=fanout, writes=st["shuffle"] is not None):
            import time as t
            for _ in it:
                pass
            t.sleep(durs[i] / 1000)
            if writes:
                return [(j, i) for j in range(fanout)]
            return [i]

        out = src.mapPartitionsWithIndex(run_task, preservesPartitioning=False)
        if st["cache"] is not None:
            out = out.persist(StorageLevel.MEMORY_ONLY)
            out.setName(f"rdd {st['cache']}")
        with lock:
            rdds[sid] = out
        return out

    def shuffled_rdd(pid):
        with lock:
            if pid in shuffled:
                return shuffled[pid]
        n = min(children[pid])
        r = stage_rdd(pid).partitionBy(n, lambda k: k)
        with lock:
            shuffled[pid] = r
        return r

    cached_by_rdd = {}
    for sid, st in stages.items():
        if st["cache"] is not None:
            cached_by_rdd[st["cache"]] = sid

    ended = [threading.Event() for _ in jobs]
    errors = []

    def final_stage(j):
        ids = [sid for sid, st in stages.items() if st["job"] == j]
        parents = {p for sid in ids for p in stages[sid]["parents"]}
        finals = [sid for sid in ids if sid not in parents]
        if len(finals) != 1:
            raise ScenarioError(f"{args.scenario}: workload.jobs[{j}]: a real run needs exactly one final stage, found {finals}")
        return finals[0]

    finals = [final_stage(j) for j in range(len(jobs))]

    def run_job(j):
        try:
            job = jobs[j]
            if job.get("submitAtMs") is not None:
                sleep_until(job["submitAtMs"])
            else:
                if j > 0:
                    ended[j - 1].wait()
                time.sleep((job.get("afterPreviousMs") or 0) / 1000)
            sc.setJobGroup(f"job {j}", job.get("name") or f"job {j}")
            stage_rdd(finals[j]).count()
            # Drop the driver's references to RDDs no later job uses, so their shuffles can be
            # cleaned at the next driver GC (the ContextCleaner needs the ShuffleDependency collected).
            with lock:
                for sid in [s for s in list(rdds) if last_job.get(s, -1) <= j and stages[s]["cache"] is None]:
                    rdds.pop(sid, None)
                    shuffled.pop(sid, None)
            gc.collect()
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)
        finally:
            ended[j].set()

    def unpersist_at(rdd_id, at_ms):
        sleep_until(at_ms)
        sid = cached_by_rdd.get(rdd_id)
        with lock:
            r = rdds.get(sid) if sid is not None else None
        if r is not None:
            r.unpersist()

    threads = [threading.Thread(target=run_job, args=(j,)) for j in range(len(jobs))]
    for u in wl.get("unpersist") or []:
        threads.append(threading.Thread(target=unpersist_at, args=(u["rddId"], u["atMs"]), daemon=True))
    for t in threads:
        t.start()
    for e in ended:
        e.wait()
    time.sleep((wl.get("endAfterLastJobMs") or 0) / 1000)
    app_id = sc.applicationId
    sc.stop()
    if errors:
        raise errors[0]
    print(json.dumps({"applicationId": app_id, "master": master, "runMs": round(now_ms())}))


def main():
    p = argparse.ArgumentParser(description="Run a scenario file as a real Spark application (local-cluster, dynamic allocation) writing an event log.")
    p.add_argument("scenario")
    p.add_argument("--spark", required=True, help="pyspark version, e.g. 3.5.7")
    p.add_argument("--out", required=True, help="event log directory")
    p.add_argument("--name", help="application name (default: the scenario's name)")
    p.add_argument("--app", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    try:
        (app if args.app else launcher)(args)
    except ScenarioError as e:
        fail(str(e))


if __name__ == "__main__":
    main()
