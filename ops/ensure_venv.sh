#!/usr/bin/env bash
# Create (or recreate) a virtual environment when it is missing or its requirement file changed.
# Usage: ops/ensure_venv.sh DIR PYTHON_VERSION REQUIREMENTS_FILE
# Finds pythonX.Y on PATH, else through pyenv, else stops with a message saying what to install.
set -euo pipefail
dir=$1 version=$2 requirements=$3
stamp="$dir/.requirements.sha256"
want=$(sha256sum "$requirements" | cut -d' ' -f1)
if [ -x "$dir/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  exit 0
fi

find_python() {
  local candidate
  if command -v "python$version" >/dev/null 2>&1 && "python$version" -c 'import sys' >/dev/null 2>&1; then
    command -v "python$version"; return 0
  fi
  if command -v pyenv >/dev/null 2>&1; then
    for candidate in "$(pyenv root)"/versions/"$version"*/bin/"python$version"; do
      if [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
    done
  fi
  return 1
}

if ! python=$(find_python); then
  echo "error: Python $version is needed for $dir but was not found." >&2
  echo "Install it (e.g. 'pyenv install $version' or your system's python$version package) and run make again." >&2
  exit 1
fi
echo "[setup] creating $dir with $python ($requirements) …" >&2
start=$(date +%s)
rm -rf "$dir"
"$python" -m venv "$dir"
# Some machines configure extra local package folders that may be absent; pip warns once per package.
quiet_pip() { "$dir/bin/python" -m pip install --quiet --disable-pip-version-check "$@" 2> >(grep -v "^WARNING: Location" >&2); }
quiet_pip --upgrade "pip==26.3"
quiet_pip -r "$requirements"
echo "$want" > "$stamp"
echo "[setup] $dir ready in $(( $(date +%s) - start )) s" >&2
