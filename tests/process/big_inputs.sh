#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Inputs that used to cost quadratic time or memory (issue 10, point 10), generated here:
# `big_inputs.sh BIN SRC SANITIZED`. Each case checks the exit code and the whole output.
# Without the sanitizers every run is capped at 1 GiB of address space (the quadratic paths
# took 1.3 to 2.4 GB) and each has a time limit far above what a linear run needs.
set -uo pipefail
bin=$1
cd "$2" || exit 2
sanitized=$3
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() { # run ARGS...: the binary, bounded; sets rc, out, err
  if [ "$sanitized" = 1 ]; then
    timeout 600 "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
  else
    (ulimit -v 1048576 && exec timeout 200 "$bin" "$@") >"$tmp/out" 2>"$tmp/err"
  fi
  rc=$?
  out=$(cat "$tmp/out")
  err=$(cat "$tmp/err")
}

expect() { # expect NAME WANT_RC WANT_OUT WANT_ERR
  if [ "$rc" != "$2" ] || [ "$out" != "$3" ] || [ "$err" != "$4" ]; then
    printf 'FAIL %s: exit %s (want %s)\nstdout:\n%s\nwanted:\n%s\nstderr:\n%s\nwanted:\n%s\n' \
      "$1" "$rc" "$2" "$out" "$3" "$err" "$4" >&2
    failed=1
  else
    echo "ok   $1"
  fi
}

rule() { # rule DIR ID MESSAGE: a rule file DIR/scale/ID.yaml firing for more than 1000 developers
  mkdir -p "$1/scale"
  cat >"$1/scale/${2#scale-}.yaml" <<RULE
id: $2
title: A big team
kind: finding
severity: warning
when: developers.total > 1000
message: "$3"
rationale: Used by the tests of big inputs.
remediation: None.
source:
  path: content/admin/overview/about-github-enterprise-server.md
threshold: none
RULE
}

# 1. `rules test` on a fixture file of 50,000 documents (2.5 MB): every document keeps
#    the file's line numbers without being padded to them.
rule "$tmp/fixtures" scale-big-team "{developers.total} developers"
fixture="$tmp/fixtures/scale/big-team.test.yaml"
{
  echo "# 50,000 documents: every other one fires."
  for ((i = 0; i < 25000; ++i)); do
    printf -- '---\nversion: 1\ndevelopers: {total: 5000}  # expect: scale-big-team\n'
    printf -- '---\nversion: 1\ndevelopers: {total: 50}\n'
  done
} >"$fixture"
run rules test --no-builtin-rules "$tmp/fixtures"
expect "rules test, 50,000 documents" 0 "PASS  scale-big-team  50000 documents

rules test: 1 rule, 50000 documents: 1 passed, 0 failed" ""

printf -- '---\nversion: 1\ndevelopers: {total: many}\n' >>"$fixture"
run rules test --no-builtin-rules "$tmp/fixtures"
expect "rules test, an error in document 50,001" 2 "" "$fixture:150004:21: error: 'total' must be an integer [wrong-type]
 150004 | developers: {total: many}
        |                     ^~~~
        = key path: developers.total
        = expected: an integer between 0 and 10000000
        = found: a string \"many\""

# 2. `--set` with a 69 KB value of 11,501 nodes: no node copies the whole argument.
survive=$(printf 'node, %.0s' $(seq 11500))
run recommend --set "dr.survive=[${survive}node]" examples/small-single-site.yaml
expect "--set with a 69 KB value" 2 "" "--set dr.survive=[node, node, node, node, node, node, node, node, node, node, node,...: error: 'survive' has too many items [too-many-items]
     = key path: dr.survive
     = expected: at most 3 items
     = found: 11501 items"

# 3. A message of 100,000 placeholders (1.9 MB on one line): located in one walk and
#    refused past the limit of 1000, before any is compiled.
placeholders=$(printf '{developers.total} %.0s' $(seq 99999))
rule "$tmp/placeholders" scale-many-placeholders "${placeholders}{developers.total}"
run rules list --no-builtin-rules --rules "$tmp/placeholders"
quoted="{developers.total} {developers.total} {developers.total} {developers.total} {developers.total} {developers.total} {de"
expect "a message of 100,000 placeholders" 2 "" "$tmp/placeholders/scale/many-placeholders.yaml:6:19011: error: the message has 100000 placeholders; the limit is 1000 [rule-message-placeholder]
 6 | ...l} ${quoted}...
   |                                                                ^
   = key path: message"

exit $failed
