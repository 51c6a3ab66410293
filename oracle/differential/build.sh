#!/usr/bin/env bash
# Compiles SparkDecisions.java once per installed Spark version, against that version's jars
# (the pyspark virtual environments oracle/setup.sh makes), into
# ${DRA_SIM_ORACLE_HOME:-~/.cache/dra-sim-oracle}/differential/<version>/.
#   oracle/differential/build.sh            every installed version
#   oracle/differential/build.sh 3.5.7 ...  these (installed first with oracle/setup.sh if missing)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
home="${DRA_SIM_ORACLE_HOME:-$HOME/.cache/dra-sim-oracle}"

if ! command -v javac >/dev/null 2>&1; then
  echo "build.sh: javac not found. Install a JDK 17 (Debian: apt-get install -y openjdk-17-jdk-headless)." >&2
  exit 2
fi

versions=("$@")
if [ ${#versions[@]} -eq 0 ]; then
  for d in "$home"/venv-*; do [ -d "$d" ] && versions+=("${d##*/venv-}"); done
  if [ ${#versions[@]} -eq 0 ]; then
    echo "build.sh: no Spark installed under $home (run oracle/setup.sh first, or name versions: build.sh 3.5.7)." >&2
    exit 2
  fi
fi

for v in "${versions[@]}"; do
  venv="$home/venv-$v"
  if [ ! -d "$venv" ]; then
    echo "build.sh: $venv is missing; installing pyspark==$v with oracle/setup.sh" >&2
    "$here/../setup.sh" "$v"
  fi
  jars="$(ls -d "$venv"/lib/python3*/site-packages/pyspark/jars 2>/dev/null | head -n 1)"
  if [ -z "$jars" ]; then
    echo "build.sh: $venv has no pyspark/jars (a broken install? remove $venv and run oracle/setup.sh $v)" >&2
    exit 2
  fi
  out="$home/differential/$v"
  rm -rf "$out" && mkdir -p "$out"
  javac -nowarn -encoding UTF-8 -cp "$jars/*" -d "$out" "$here/SparkDecisions.java" 2> "$out/javac.log" || {
    echo "build.sh: javac failed for Spark $v (see $out/javac.log):" >&2
    head -n 30 "$out/javac.log" >&2
    exit 1
  }
  printf '%s\n' "$jars" > "$out/jars.path"
  echo "built $out (Spark $v)"
done
