#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The man page ghes-topology(1) (issue 15): `man -l` renders it with no groff warning, and it
# names every command the program has (`completion --list-commands`), every option of every
# command (`--help`), every exit code and every environment variable the sources read.
# Usage: man_test.sh MANPAGE(.gz) BIN SOURCE_DIR
set -euo pipefail
page=$1 bin=$2 src=$3
fail=0
err=$(mktemp)
trap 'rm -f "$err"' EXIT
# groff -ww: every warning; man -l: as a user reads it.
text=$(zcat -f "$page" | groff -man -Tutf8 -ww -rLL=100n 2>"$err" | col -b)
if [ -s "$err" ]; then
  echo "FAIL: groff warns while rendering $page:" >&2
  cat "$err" >&2
  fail=1
fi
if command -v man >/dev/null; then
  MANWIDTH=100 man -l "$page" >/dev/null 2>"$err" || { echo "FAIL: man -l $page failed" >&2; fail=1; }
  [ -s "$err" ] && { echo "FAIL: man -l $page warns:" >&2; cat "$err" >&2; fail=1; }
fi
need() { # need TEXT WHAT
  grep -qF -- "$1" <<<"$text" || { echo "FAIL: the man page does not mention $2 '$1'" >&2; fail=1; }
}
commands=$("$bin" completion --list-commands)
[ -n "$commands" ] || { echo "FAIL: no commands listed" >&2; fail=1; }
while read -r path; do
  need "ghes-topology $path" "command"
  # shellcheck disable=SC2086
  for opt in $("$bin" $path --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    need "$opt" "option of '$path'"
  done
done <<<"$commands"
for code in 0 1 2 3; do
  grep -qE "^ {7}$code +[A-Z]" <<<"$text" || { echo "FAIL: exit status $code not described" >&2; fail=1; }
done
# Every variable the program reads: getenv("X") and env("X") in src/.
for var in $(grep -rhoE '(getenv|env)\("[A-Z_]+"\)' "$src/src" | sed -E 's/.*\("([A-Z_]+)"\)/\1/' | sort -u); do
  need "$var" "environment variable"
done
for var in LC_ALL LC_CTYPE LANG; do need "$var" "environment variable"; done
[ "$fail" -eq 0 ] && echo "man page: ok ($(wc -l <<<"$commands") commands)"
exit "$fail"
