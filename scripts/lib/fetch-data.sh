#!/usr/bin/env bash
# Puts the real data sets the tests and the demo use into one or more data folders:
#   diabetes.arff, credit-g.arff, cpu.arff
#       from Debian's weka package (apt-get download + dpkg -x; the files are under
#       usr/share/doc/weka/examples/, maybe .gz-compressed)
#   breast_cancer.csv, wine_data.csv
#       from the installed scikit-learn package (sklearn/datasets/data/)
# Files already present are kept; the weka package is downloaded at most once per call.
# The data are never committed (they land in <build>/data).
#
# Usage: fetch-data.sh [--python PYTHON] DATA_DIR...
#   PYTHON: an interpreter with scikit-learn installed (default: the project venv, else python3)
set -euo pipefail
shopt -s inherit_errexit

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh source-path=SCRIPTDIR
source "$here/common.sh"

python="$FERRY_PYTHON"
[[ -x "$python" ]] || python="python3"
dirs=()
while (($# > 0)); do
  case "$1" in
    --python)
      python="$2"
      shift 2
      ;;
    -h | --help)
      awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"
      exit 0
      ;;
    *)
      dirs+=("$1")
      shift
      ;;
  esac
done
((${#dirs[@]} > 0)) || ferry_die "usage: fetch-data.sh [--python PYTHON] DATA_DIR..."

WEKA_FILES=(diabetes.arff credit-g.arff cpu.arff)
SKLEARN_FILES=(breast_cancer.csv wine_data.csv)
work="$(mktemp -d "${TMPDIR:-/tmp}/ferry-weka.XXXXXX")"
ferry_cleanup_add "$work"

# The folder of weka's examples, downloaded and unpacked on first use (prints its path).
weka_examples() {
  local examples="$work/x/usr/share/doc/weka/examples"
  if [[ ! -d "$examples" ]]; then
    local apt_opts=()
    # As root, apt drops to the _apt user, who cannot write into our private temp folder.
    [[ $EUID -eq 0 ]] && apt_opts=(-o APT::Sandbox::User=root)
    echo "downloading Debian's weka package" >&2
    if ! (cd "$work" && apt-get "${apt_opts[@]}" download -q weka >&2); then
      # A fresh machine may have no package lists yet.
      ferry_apt_update_once >&2
      (cd "$work" && apt-get "${apt_opts[@]}" download -q weka >&2)
    fi
    dpkg -x "$work"/weka_*.deb "$work/x"
    [[ -d "$examples" ]] || ferry_die "weka package has no usr/share/doc/weka/examples"
  fi
  echo "$examples"
}

# copy_weka NAME DEST: DEST gets NAME from weka's examples, plain or gzip-compressed.
copy_weka() {
  local name="$1" dest="$2" examples
  examples="$(weka_examples)"
  if [[ -f "$examples/$name" ]]; then
    cp "$examples/$name" "$dest.tmp"
  elif [[ -f "$examples/$name.gz" ]]; then
    gzip -dc "$examples/$name.gz" >"$dest.tmp"
  else
    ferry_die "weka package has neither $name nor $name.gz"
  fi
  mv "$dest.tmp" "$dest"
}

# copy_sklearn NAME DEST: DEST gets NAME from sklearn/datasets/data/ of the installed scikit-learn.
copy_sklearn() {
  local name="$1" dest="$2" src
  src="$("$python" -c 'import os, sys, sklearn; print(os.path.join(os.path.dirname(sklearn.__file__), "datasets", "data", sys.argv[1]))' "$name")" ||
    ferry_die "$python cannot import scikit-learn (run scripts/test or scripts/demo to make the venv)"
  [[ -f "$src" ]] || ferry_die "scikit-learn has no $src"
  cp "$src" "$dest.tmp"
  mv "$dest.tmp" "$dest"
}

first=""  # a folder already holding everything, to copy from
for dir in "${dirs[@]}"; do
  mkdir -p "$dir"
  for name in "${WEKA_FILES[@]}" "${SKLEARN_FILES[@]}"; do
    dest="$dir/$name"
    if [[ -s "$dest" ]]; then
      continue
    elif [[ -n "$first" ]]; then
      cp "$first/$name" "$dest.tmp" && mv "$dest.tmp" "$dest"
    elif [[ "$name" == *.csv ]]; then
      copy_sklearn "$name" "$dest"
    else
      copy_weka "$name" "$dest"
    fi
    echo "fetched $dest"
  done
  [[ -n "$first" ]] || first="$dir"
done

# Sanity checks on what the tests rely on.
for dir in "${dirs[@]}"; do
  rows="$(grep -cE '^[0-9]' "$dir/diabetes.arff" || true)"
  [[ "$rows" == 768 ]] || ferry_die "$dir/diabetes.arff: expected 768 data rows, found $rows"
  rows="$(($(wc -l <"$dir/breast_cancer.csv") - 1))"
  [[ "$rows" == 569 ]] || ferry_die "$dir/breast_cancer.csv: expected 569 rows, found $rows"
  rows="$(($(wc -l <"$dir/wine_data.csv") - 1))"
  [[ "$rows" == 178 ]] || ferry_die "$dir/wine_data.csv: expected 178 rows, found $rows"
  rows="$(grep -cE '^[0-9]' "$dir/cpu.arff" || true)"
  [[ "$rows" == 209 ]] || ferry_die "$dir/cpu.arff: expected 209 data rows, found $rows"
  grep -q '^@attribute class' "$dir/credit-g.arff" ||
    ferry_die "$dir/credit-g.arff: not weka's credit-g data"
  echo "data ready in $dir: ${WEKA_FILES[*]} ${SKLEARN_FILES[*]}"
done
