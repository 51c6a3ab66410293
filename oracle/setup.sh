#!/usr/bin/env bash
# Installs one pyspark per Spark version, each in its own virtual environment under
# ${DRA_SIM_ORACLE_HOME:-~/.cache/dra-sim-oracle}/venv-<version>, and says how long each took.
# Usage: bash oracle/setup.sh [version ...]   (default: the versions of the corpus)
set -euo pipefail
HOME_DIR="${DRA_SIM_ORACLE_HOME:-$HOME/.cache/dra-sim-oracle}"
VERSIONS=("$@")
if [ ${#VERSIONS[@]} -eq 0 ]; then VERSIONS=(3.3.4 3.4.0 3.4.1 3.5.7 4.1.1); fi
command -v java >/dev/null || { echo "setup: java not found; install Debian's openjdk-17-jre-headless (apt-get install -y openjdk-17-jdk-headless)" >&2; exit 2; }
mkdir -p "$HOME_DIR"
for v in "${VERSIONS[@]}"; do
  venv="$HOME_DIR/venv-$v"
  start=$(date +%s)
  if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import pyspark,yaml,sys; pyspark.__version__ >= '3.4' or __import__('cloudpickle'); sys.exit(0 if pyspark.__version__=='$v' else 1)" 2>/dev/null; then
    echo "pyspark $v: already installed in $venv"
    continue
  fi
  python3 -m venv "$venv"
  extra=()
  # pyspark < 3.4 bundles a cloudpickle that cannot pickle functions on Python 3.11; real_run.py
  # points pyspark at this newer one instead.
  case "$v" in 3.[0-3].*) extra=("cloudpickle==2.2.1") ;; esac
  "$venv/bin/pip" install --quiet --disable-pip-version-check "pyspark==$v" pyyaml "${extra[@]}"
  echo "pyspark $v: installed in $venv in $(( $(date +%s) - start )) s"
done
