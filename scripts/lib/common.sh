# shellcheck shell=bash
# Shared set-up for scripts/test and scripts/demo (sourced, not run). Bash only.
#
# Environment knobs (all optional):
#   FERRY_JOBS       parallel build/test jobs (default 2)
#   FERRY_VENV       the Python virtual environment (default <repo>/.venv)
#   FERRY_NO_APT=1   never call apt-get install (report what is missing instead)

FERRY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
FERRY_JOBS="${FERRY_JOBS:-2}"
FERRY_VENV="${FERRY_VENV:-$FERRY_ROOT/.venv}"
export FERRY_ROOT FERRY_JOBS FERRY_VENV

# Temporary paths removed when the sourcing script exits (ferry_cleanup_add PATH).
FERRY_CLEANUP=()
ferry_cleanup_add() { FERRY_CLEANUP+=("$1"); }
trap 'rm -rf "${FERRY_CLEANUP[@]}"' EXIT

# State shared with subshells and helper scripts for one run (e.g. "apt-get update done").
if [[ -z "${FERRY_STATE_DIR:-}" ]]; then
  FERRY_STATE_DIR="$(mktemp -d "${TMPDIR:-/tmp}/ferry-run.XXXXXX")"
  export FERRY_STATE_DIR
  ferry_cleanup_add "$FERRY_STATE_DIR"
fi

# Debian packages the build and the tests need.
FERRY_APT_PACKAGES=(
  build-essential g++ cmake ninja-build
  libeigen3-dev libcereal-dev catch2 zlib1g-dev libxxhash-dev nlohmann-json3-dev
  python3 python3-dev python3-venv
  swig maven openjdk-17-jdk-headless
)

# The pinned Python requirements: scikit-learn (the oracle of the parity tests; its package also
# ships breast_cancer.csv and wine_data.csv), numpy, scipy. One file, used by every script.
FERRY_REQUIREMENTS="$FERRY_ROOT/tests/reference/requirements.txt"

# ---------------------------------------------------------------------------------------------
# Messages and phase timing

if [[ -t 1 ]]; then
  _ferry_bold=$'\e[1m' _ferry_red=$'\e[31m' _ferry_green=$'\e[32m' _ferry_reset=$'\e[0m'
else
  _ferry_bold='' _ferry_red='' _ferry_green='' _ferry_reset=''
fi

ferry_log() { printf '%s==> %s%s\n' "$_ferry_bold" "$*" "$_ferry_reset"; }
ferry_warn() { printf '%swarning: %s%s\n' "$_ferry_red" "$*" "$_ferry_reset" >&2; }
ferry_die() { printf '%serror: %s%s\n' "$_ferry_red" "$*" "$_ferry_reset" >&2; exit 1; }

# Phases: ferry_phase NAME COMMAND... runs the command in a subshell with `set -e` in force (so
# any failing step inside a shell function fails the phase), records its status and duration in
# the summary, and leaves the status in FERRY_RC. It always returns 0: call it as a plain
# statement, never inside `if`, `&&` or `||`, where bash would switch `set -e` off inside it.
FERRY_PHASE_NAMES=()
FERRY_PHASE_RESULTS=()
FERRY_PHASE_SECONDS=()
FERRY_RC=0

ferry_record() {  # NAME RESULT SECONDS
  FERRY_PHASE_NAMES+=("$1")
  FERRY_PHASE_RESULTS+=("$2")
  FERRY_PHASE_SECONDS+=("$3")
}

ferry_phase() {
  local name="$1"
  shift
  ferry_log "$name"
  local start=$SECONDS
  set +e
  (
    set -e
    "$@"
  )
  FERRY_RC=$?
  set -e
  local took=$((SECONDS - start))
  if ((FERRY_RC == 0)); then
    ferry_record "$name" "ok" "$took"
  else
    ferry_record "$name" "FAILED (exit $FERRY_RC)" "$took"
    printf '%s==> %s failed (exit %d)%s\n' "$_ferry_red" "$name" "$FERRY_RC" "$_ferry_reset" >&2
  fi
}

ferry_skip() {  # NAME WHY
  ferry_record "$1" "skipped ($2)" 0
}

ferry_summary() {
  local i result color
  printf '\n%sSummary%s\n' "$_ferry_bold" "$_ferry_reset"
  for i in "${!FERRY_PHASE_NAMES[@]}"; do
    result="${FERRY_PHASE_RESULTS[$i]}"
    case "$result" in
      ok) color="$_ferry_green" ;;
      FAILED*) color="$_ferry_red" ;;
      *) color="" ;;
    esac
    printf '  %-34s %s%-28s%s %5ss\n' "${FERRY_PHASE_NAMES[$i]}" "$color" "$result" \
      "$_ferry_reset" "${FERRY_PHASE_SECONDS[$i]}"
  done
}

ferry_any_failed() {
  local r
  for r in "${FERRY_PHASE_RESULTS[@]}"; do
    [[ "$r" == FAILED* ]] && return 0
  done
  return 1
}

# ---------------------------------------------------------------------------------------------
# Debian packages

ferry_as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    ferry_die "need root to run: $*"
  fi
}

# apt-get update runs at most once per run of a script (helper scripts share the marker).
ferry_apt_update_once() {
  if [[ ! -e "$FERRY_STATE_DIR/apt-updated" ]]; then
    ferry_log "apt-get update"
    ferry_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    touch "$FERRY_STATE_DIR/apt-updated"
  fi
}

ferry_package_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'
}

# Installs the packages of FERRY_APT_PACKAGES that are missing; does nothing when none is.
ferry_ensure_packages() {
  local missing=() pkg
  for pkg in "${FERRY_APT_PACKAGES[@]}"; do
    ferry_package_installed "$pkg" || missing+=("$pkg")
  done
  if ((${#missing[@]} == 0)); then
    echo "all ${#FERRY_APT_PACKAGES[@]} Debian packages present"
    return 0
  fi
  if [[ "${FERRY_NO_APT:-0}" == 1 ]]; then
    ferry_die "missing Debian packages (FERRY_NO_APT=1): ${missing[*]}"
  fi
  echo "installing: ${missing[*]}"
  ferry_apt_update_once
  ferry_as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# ---------------------------------------------------------------------------------------------
# Python virtual environment

FERRY_PYTHON="$FERRY_VENV/bin/python"
export FERRY_PYTHON

# Creates the venv if needed and installs the pinned requirements; skips pip when the venv was
# already made from the same requirements file (a stamp holds its checksum).
ferry_ensure_venv() {
  [[ -f "$FERRY_REQUIREMENTS" ]] || ferry_die "missing $FERRY_REQUIREMENTS"
  local stamp="$FERRY_VENV/.ferry-requirements.sha256"
  local want
  want="$(sha256sum "$FERRY_REQUIREMENTS" | cut -d' ' -f1)"
  if [[ -x "$FERRY_PYTHON" ]] && "$FERRY_PYTHON" -c 'import sys' >/dev/null 2>&1; then
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
      echo "venv $FERRY_VENV is up to date with ${FERRY_REQUIREMENTS#"$FERRY_ROOT"/}"
      return 0
    fi
  else
    rm -rf "$FERRY_VENV"
    local base_python
    base_python="$(command -v python3 || true)"
    [[ -n "$base_python" ]] || ferry_die "python3 not found"
    echo "creating $FERRY_VENV with $base_python ($("$base_python" --version 2>&1))"
    "$base_python" -m venv "$FERRY_VENV"
  fi
  "$FERRY_PYTHON" -m pip install --disable-pip-version-check -q -r "$FERRY_REQUIREMENTS"
  echo "$want" >"$stamp"
  "$FERRY_PYTHON" -c 'import sklearn, numpy, scipy; print("scikit-learn", sklearn.__version__, "numpy", numpy.__version__, "scipy", scipy.__version__)'
}

# ---------------------------------------------------------------------------------------------
# Data, configure, build, test

# ferry_fetch_data DIR...: puts the data sets into each folder (downloads at most once).
# Builds the wheel from this checkout (scikit-build-core, pip's build isolation) and installs it
# with the test requirements into a fresh venv, so the Python tests import the installed package,
# never python/ in the source tree.
FERRY_PYTHON_TEST_REQUIREMENTS="$FERRY_ROOT/python/requirements-test.txt"

ferry_python_wheel_venv() {  # WHEEL_DIR VENV
  local wheel_dir="$1" venv="$2" base_python
  rm -rf "$wheel_dir" "$venv"
  "$FERRY_PYTHON" -m pip wheel --disable-pip-version-check --no-deps -w "$wheel_dir" "$FERRY_ROOT"
  base_python="$(command -v python3)"
  "$base_python" -m venv "$venv"
  "$venv/bin/python" -m pip install --disable-pip-version-check -q \
    -r "$FERRY_PYTHON_TEST_REQUIREMENTS" "$wheel_dir"/ferry-*.whl
  "$venv/bin/python" -c 'import ferry, sys; print("installed ferry", ferry.__version__, "from", ferry.__file__)'
}

ferry_fetch_data() {
  bash "$FERRY_ROOT/scripts/lib/fetch-data.sh" --python "$FERRY_PYTHON" "$@"
}

# ferry_configure BUILD_DIR [CMAKE_ARGS...]
ferry_configure() {
  local dir="$1"
  shift
  local cache="$dir/CMakeCache.txt" generator
  if [[ -f "$cache" ]]; then
    generator="$(sed -n 's/^CMAKE_GENERATOR:INTERNAL=//p' "$cache")"
    [[ "$generator" == Ninja ]] ||
      ferry_die "$dir was configured with '$generator', not Ninja: remove it and run again"
  fi
  cmake -S "$FERRY_ROOT" -B "$dir" -G Ninja \
    -DPython_EXECUTABLE="$FERRY_PYTHON" \
    "$@"
}

# ferry_build BUILD_DIR [TARGET...]
ferry_build() {
  local dir="$1"
  shift
  local targets=()
  (($# > 0)) && targets=(--target "$@")
  cmake --build "$dir" --parallel "$FERRY_JOBS" "${targets[@]}"
}

# ferry_ctest BUILD_DIR [CTEST_ARGS...]: runs every test; the log goes to BUILD_DIR/ctest.log.
ferry_ctest() {
  local dir="$1"
  shift
  local log="$dir/ctest.log" rc=0
  ctest --test-dir "$dir" --output-on-failure --parallel "$FERRY_JOBS" "$@" 2>&1 | tee "$log" ||
    rc=$?
  if grep -q 'No tests were found' "$log"; then
    echo "ctest found no tests in $dir" >&2
    return 1
  fi
  return "$rc"
}

# ferry_ctest_counts BUILD_DIR: prints "PASSED FAILED" from the last ctest.log there (0 0 if none).
ferry_ctest_counts() {
  local log="$1/ctest.log" line
  # e.g. "100% tests passed, 0 tests failed out of 57"
  line="$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" 2>/dev/null |
    tail -n1 || true)"
  if [[ -z "$line" ]]; then
    echo "0 0"
    return
  fi
  sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2 \1/' <<<"$line" |
    { read -r total failed; echo "$((total - failed)) $failed"; }
}
