#!/usr/bin/env bash
# Set up steersim in .venv: find a Python >= 3.12, create the virtual environment and
# install the package (and, with `test`, what the tests need). Safe to run again:
# it only reinstalls when pyproject.toml has changed.
#
#   bash setup.sh          # the model, every command the README shows: the classroom page
#                          # (viz), robustness (the EMA Workbench) and Dask sweeps (dask)
#   bash setup.sh test     # ... plus pytest, the test extras, ruff and mypy
#
# Versions come from requirements.lock (tested together; regenerate with
# `.venv/bin/pip-compile --extra viz --extra robustness --extra test --extra dask --extra dev
# --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml`).
#
# Set PYTHON=/path/to/python3.12 to choose the interpreter yourself.
set -euo pipefail
cd "$(dirname "$0")"

extras="${1:-}"
ok_version='import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)'

find_python() {
  local candidates=()
  [ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
  candidates+=(python3.13 python3.12 python3 python)
  if command -v pyenv >/dev/null 2>&1; then
    local root; root="$(pyenv root)"
    # pyenv's shims only run a version that is selected, so use the binaries directly
    for v in $(ls -1 "$root/versions" 2>/dev/null | grep -E '^3\.(1[2-9]|[2-9][0-9])(\.|$)' | sort -rV); do
      candidates+=("$root/versions/$v/bin/python3")
    done
  fi
  for c in /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9]; do
    [ -x "$c" ] && candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    if "$c" -c "$ok_version" >/dev/null 2>&1; then
      command -v "$c" 2>/dev/null || echo "$c"
      return 0
    fi
  done
  return 1
}

if [ -x .venv/bin/python ] && ! .venv/bin/python -c "$ok_version" 2>/dev/null; then
  echo "setup: .venv has an old Python; recreating it" >&2
  rm -rf .venv
fi
if [ ! -x .venv/bin/python ]; then
  if ! py="$(find_python)"; then
    echo "setup: steersim needs Python >= 3.12 (Mesa 3.5 does). None found on PATH or in pyenv;" >&2
    echo "setup: install one (e.g. 'pyenv install 3.12') or run: PYTHON=/path/to/python3.12 bash setup.sh" >&2
    exit 1
  fi
  echo "setup: using $py ($("$py" --version 2>&1))" >&2
  "$py" -m venv .venv
fi

stamp=".venv/.steersim-installed-${extras:-base}"
want="$(cat pyproject.toml requirements.lock | cksum)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  spec=".[viz,robustness,dask]"
  [ "$extras" = "test" ] && spec=".[viz,robustness,dask,test,dev]"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e "$spec"
  echo "$want" > "$stamp"
fi

# The classroom page's front-end files, so it works with no network (needs npm once).
if ! .venv/bin/python -c 'import sys; from sim.viz import assets; sys.exit(1 if assets.missing() else 0)' 2>/dev/null; then
  .venv/bin/python -m sim.viz.assets || echo "setup: the classroom page will need the network to load (npm not found)" >&2
fi
