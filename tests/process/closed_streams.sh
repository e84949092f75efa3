#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The real binary with broken standard streams: `closed_streams.sh BIN SRC`. Each case
# checks the exit code and the whole of stderr; a result that cannot be written, or a
# closed stdin, must never end as a silent success.
set -uo pipefail
bin=$1
cd "$2" || exit 2
example=examples/small-single-site.yaml
failed=0

expect() { # expect NAME WANT_RC WANT_ERR GOT_RC GOT_ERR
  if [ "$4" != "$2" ] || [ "$5" != "$3" ]; then
    printf 'FAIL %s: exit %s (want %s)\nstderr:\n%s\nwanted:\n%s\n' "$1" "$4" "$2" "$5" "$3" >&2
    failed=1
  else
    echo "ok   $1"
  fi
}

err=$("$bin" recommend "$example" 2>&1 >/dev/full); rc=$?
expect "stdout on a full disk" 2 "ghes-topology: error: cannot write the result to standard output: No space left on device" "$rc" "$err"

err=$("$bin" recommend "$example" 2>&1 >&-); rc=$?
expect "closed stdout" 2 "ghes-topology: error: cannot write the result to standard output: it is closed" "$rc" "$err"

err=$("$bin" recommend -o /dev/full "$example" 2>&1); rc=$?
expect "-o on a full disk" 2 "ghes-topology: error: cannot write '/dev/full': No space left on device" "$rc" "$err"

err=$("$bin" validate - 2>&1 <&-); rc=$?
expect "closed stdin" 2 "<stdin>: error: cannot read standard input: it is closed [file-unreadable]
1 of 1 file has problems" "$rc" "$err"

# A closed stderr must not let a file opened later take descriptor 2: the output file
# holds the result only, exactly as with an open stderr.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" -v recommend -o "$tmp/want.txt" "$example" 2>/dev/null
"$bin" -v recommend -o "$tmp/got.txt" "$example" 2>&-; rc=$?
if [ "$rc" = 0 ] && cmp -s "$tmp/want.txt" "$tmp/got.txt"; then
  echo "ok   closed stderr"
else
  echo "FAIL closed stderr: exit $rc, output differs" >&2
  failed=1
fi
exit $failed
