#!/usr/bin/env python3
"""Runs corpus scenarios on real Spark versions and records each event log in the manifest.

    python3 oracle/run_corpus.py --versions 3.5.7,4.1.1 [--scenarios a,b] [--repeat 1] [--parallel 2]

Each run is `oracle/real_run.py SCENARIO --spark VERSION`; its event log is kept as
oracle/corpus/logs/<scenario>--<version>[--r<k>].zstd (Spark's own zstd event log) and described in
oracle/corpus/manifest.json (version, command, machine, load average, wall time). Existing logs
are not overwritten unless --force.
"""
import argparse
import glob
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
MANIFEST = os.path.join(CORPUS, "manifest.json")
lock = threading.Lock()


def machine():
    mem_kb = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return {"os": platform.platform(), "cpus": os.cpu_count(), "memoryGiB": round(mem_kb / 1024 / 1024, 1),
            "java": java, "python": platform.python_version()}


def load_manifest():
    if os.path.exists(MANIFEST):
        with open(MANIFEST) as f:
            return json.load(f)
    return {"description": "Real Spark runs of the scenarios in scenarios/, one event log each (see oracle/README.md).",
            "runs": []}


def save_manifest(m):
    m["runs"].sort(key=lambda r: r["log"])
    with open(MANIFEST + ".tmp", "w") as f:
        json.dump(m, f, indent=1)
        f.write("\n")
    os.replace(MANIFEST + ".tmp", MANIFEST)


def run_one(scenario, version, repeat, force, mach):
    name = os.path.splitext(os.path.basename(scenario))[0]
    log_name = f"{name}--{version}" + (f"--r{repeat}" if repeat > 1 else "") + ".zstd"
    dest = os.path.join(CORPUS, "logs", log_name)
    if os.path.exists(dest) and not force:
        print(f"skip {log_name}: exists (--force to run again)", flush=True)
        return
    out = tempfile.mkdtemp(prefix=f"dra-real-{name}-")
    rel = os.path.relpath(scenario, os.path.dirname(HERE))
    cmd = ["python3", "oracle/real_run.py", rel, "--spark", version, "--out", out]
    load0 = os.getloadavg()[0]
    t0 = time.time()
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t0))
    with open(os.path.join(out, "driver.log"), "w") as log:
        r = subprocess.run(cmd, cwd=os.path.dirname(HERE), stdout=subprocess.PIPE, stderr=log, text=True)
    wall = time.time() - t0
    logs = glob.glob(os.path.join(out, "app-*"))
    if r.returncode != 0 or len(logs) != 1 or logs[0].endswith(".inprogress"):
        print(f"FAILED {log_name}: exit {r.returncode}, logs {logs}; see {out}/driver.log", flush=True)
        return
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    shutil.copyfile(logs[0], dest)
    info = json.loads(r.stdout.strip().splitlines()[-1])
    entry = {"log": f"logs/{log_name}", "scenario": f"scenarios/{os.path.basename(scenario)}", "sparkVersion": version,
             "repeat": repeat, "applicationId": info["applicationId"], "master": info["master"],
             "command": " ".join(cmd[:-2] + ["--out", "DIR"]), "startedAt": started, "wallSeconds": round(wall, 1),
             "loadAverage1m": {"start": round(load0, 2), "end": round(os.getloadavg()[0], 2)}, "machine": mach}
    with lock:
        m = load_manifest()
        m["runs"] = [x for x in m["runs"] if x["log"] != entry["log"]] + [entry]
        save_manifest(m)
    shutil.rmtree(out, ignore_errors=True)
    print(f"ok {log_name} in {wall:.0f} s (load {load0:.1f})", flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--versions", required=True)
    p.add_argument("--scenarios", help="comma-separated names (default: all in oracle/corpus/scenarios)")
    p.add_argument("--repeat", type=int, default=1, help="runs per scenario and version (logs --r2, --r3 ...)")
    p.add_argument("--parallel", type=int, default=2)
    p.add_argument("--force", action="store_true")
    a = p.parse_args()
    scen = sorted(glob.glob(os.path.join(CORPUS, "scenarios", "*.yaml")))
    if a.scenarios:
        want = a.scenarios.split(",")
        missing = [w for w in want if not os.path.exists(os.path.join(CORPUS, "scenarios", w + ".yaml"))]
        if missing:
            print(f"run_corpus: no scenario {missing} in {CORPUS}/scenarios", file=sys.stderr)
            sys.exit(2)
        scen = [os.path.join(CORPUS, "scenarios", w + ".yaml") for w in want]
    mach = machine()
    jobs = [(s, v, k) for k in range(1, a.repeat + 1) for v in a.versions.split(",") for s in scen]
    with ThreadPoolExecutor(a.parallel) as ex:
        for f in [ex.submit(run_one, s, v, k, a.force, mach) for s, v, k in jobs]:
            f.result()


if __name__ == "__main__":
    main()
