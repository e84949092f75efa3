#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The build-time rule compiler, run directly (ctest `tools.compile-rules`):
# - a broken rule folder: the whole diagnostic on stderr, nothing on stdout, exit code 2,
#   and no output file (the build stops);
# - the real rules/: exit 0, a generated file, which a second run leaves untouched.
# Usage: compile_rules_test.sh TOOL SOURCE_DIR
set -uo pipefail
tool=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

root="$src/tests/tools/broken"
find "$root/rules" -name '*.yaml' | sort >"$work/broken.list"
"$tool" --root "$root" --list "$work/broken.list" --out "$work/broken.cpp" >"$work/out" 2>"$work/err"
code=$?
[ "$code" -eq 2 ] || fail "broken rules: exit code $code, expected 2"
[ -s "$work/out" ] && fail "broken rules: stdout not empty: $(cat "$work/out")"
[ -e "$work/broken.cpp" ] && fail "broken rules: the output file was written"
diff -u "$root/expected.stderr" "$work/err" || fail "broken rules: stderr differs"

find "$src/rules" -name '*.yaml' | sort >"$work/good.list"
"$tool" --root "$src" --list "$work/good.list" --out "$work/good.cpp" >"$work/out" 2>"$work/err" ||
  fail "rules/: exit code $?: $(cat "$work/err")"
[ -s "$work/err" ] && fail "rules/: stderr not empty: $(cat "$work/err")"
grep -q '^std::string_view builtin_catalog_image()$' "$work/good.cpp" || fail "rules/: no image in the output"
grep -q '{"rules/failover/ha-dns-ttl.yaml", ' "$work/good.cpp" || fail "rules/: no rule text in the output"
touch -d '2000-01-01' "$work/good.cpp"
"$tool" --root "$src" --list "$work/good.list" --out "$work/good.cpp" || fail "rules/: second run failed"
[ "$(stat -c %Y "$work/good.cpp")" = "$(date -d 2000-01-01 +%s)" ] || fail "rules/: an unchanged output was rewritten"

"$tool" --root "$src" >"$work/out" 2>"$work/err"
code=$?
[ "$code" -eq 2 ] || fail "missing options: exit code $code, expected 2"
[ "$(cat "$work/err")" = "usage: ghes-topology-compile-rules --root DIR --list FILE --out FILE.cpp" ] ||
  fail "missing options: stderr: $(cat "$work/err")"
echo "compile_rules: ok"
