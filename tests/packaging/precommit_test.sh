#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The pre-commit hooks (.pre-commit-hooks.yaml, issue 15) through `pre-commit try-repo` (Debian
# pre-commit) on a scratch git repository holding the examples under environments/, with the
# built binary first on PATH: `ghes-topology-validate` passes on every example and fails on a
# broken file; `ghes-topology-check` passes on a clean plan and fails on examples/flawed-plan.yaml.
# Usage: precommit_test.sh BIN SOURCE_DIR (SOURCE_DIR must be a git checkout)
set -euo pipefail
bin=$1 src=$(cd "$2" && pwd)
command -v pre-commit >/dev/null || { echo "FAIL: pre-commit is missing (./setup.sh test installs it)" >&2; exit 1; }
git -C "$src" rev-parse --git-dir >/dev/null 2>&1 || { echo "$src is not a git checkout: skipped" >&2; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/repo/environments"
ln -s "$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")" "$work/bin/ghes-topology"
export PATH="$work/bin:$PATH" PRE_COMMIT_HOME="$work/cache" HOME="$work" GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
fail=0
try() { # try WANT_EXIT HOOK FILES...: pre-commit try-repo on FILES; WANT_EXIT 0 or 1
  local want=$1 hook=$2
  shift 2
  local rc=0
  (cd "$work/repo" && pre-commit try-repo "$src" "$hook" --files "$@") >"$work/out.log" 2>&1 || rc=$?
  if [ "$rc" -ne "$want" ]; then
    echo "FAIL: try-repo $hook on $*: exit $rc, expected $want" >&2
    cat "$work/out.log" >&2
    fail=1
  fi
}
cp "$src"/examples/*.yaml "$work/repo/environments/"
printf 'version: 1\nname: broken\nghes_version: [\n' >"$work/repo/environments/broken.yaml"
echo "unrelated: [" >"$work/repo/unrelated.yaml" # outside the hooks' `files` pattern
git -C "$work/repo" init -q
git -C "$work/repo" add -A
examples=()
for f in "$src"/examples/*.yaml; do examples+=("environments/$(basename "$f")"); done
try 0 ghes-topology-validate "${examples[@]}" unrelated.yaml
grep -q 'ghes-topology validate.*Passed' "$work/out.log" || { echo "FAIL: validate did not pass" >&2; cat "$work/out.log" >&2; fail=1; }
try 1 ghes-topology-validate environments/broken.yaml
grep -q 'environments/broken.yaml' "$work/out.log" || { echo "FAIL: validate output does not name broken.yaml" >&2; fail=1; }
try 0 ghes-topology-check environments/clustered-with-dr.yaml
try 1 ghes-topology-check environments/flawed-plan.yaml
grep -q 'environments/flawed-plan.yaml:[0-9]*:[0-9]*: error: ' "$work/out.log" ||
  { echo "FAIL: check output has no compact error line for flawed-plan.yaml" >&2; cat "$work/out.log" >&2; fail=1; }
# Files the pattern does not match are not passed: a broken YAML outside it is ignored.
try 0 ghes-topology-validate unrelated.yaml
grep -q 'no files to check' "$work/out.log" || { echo "FAIL: the hook ran on a file outside its pattern" >&2; cat "$work/out.log" >&2; fail=1; }
[ "$fail" -eq 0 ] && echo "pre-commit hooks: ok"
exit "$fail"
