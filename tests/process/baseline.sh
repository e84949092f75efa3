#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Baselines (issue 14): `baseline.sh BIN SRC`. A baseline of examples/flawed-plan.yaml survives
# 10 lines inserted above every finding with zero new findings; a fixed finding is listed as
# resolved; a new finding is reported and gates the exit code.
set -uo pipefail
bin=$1
src=$2
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for v in $(env | grep -o '^GHES_TOPOLOGY_[A-Z_]*'); do unset "$v"; done
check() { # check NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then
    echo "ok   $1"
  else
    printf 'FAIL %s\n  expected: %s\n  actual:   %s\n' "$1" "$2" "$3" >&2
    failed=1
  fi
}
cd "$tmp" || exit 2
cp "$src/examples/flawed-plan.yaml" env.yaml
"$bin" baseline --no-config --today 2026-06-01 env.yaml -o baseline.json
check "baseline: exit 0" 0 $?
check "baseline: every unwaived finding recorded" 15 "$(grep -c '"fingerprint"' baseline.json)"
check "baseline: no line numbers" 0 "$(grep -c '"line"' baseline.json)"

{ for i in 1 2 3 4 5 6 7 8 9 10; do echo "# inserted line $i"; done; cat "$src/examples/flawed-plan.yaml"; } > env.yaml
out=$("$bin" check --no-config --compact --today 2026-06-01 --baseline baseline.json env.yaml 2>err.txt)
check "10 inserted lines: exit 0" 0 $?
check "10 inserted lines: zero new findings" \
  "Result: pass - no finding at or above 'error' (0 errors, 0 warnings, 0 info in 1 file)" "$out"
check "10 inserted lines: stderr" \
  "ghes-topology: baseline baseline.json: 15 known findings in the baseline not reported" "$(cat err.txt)"

sed -i 's/dns_ttl_seconds: .*/dns_ttl_seconds: 60/' env.yaml
"$bin" check --no-config --compact --today 2026-06-01 --baseline baseline.json env.yaml > /dev/null 2> err.txt
check "a fixed finding: exit 0" 0 $?
check "a fixed finding: listed as resolved" \
  "ghes-topology: baseline baseline.json: 14 known findings in the baseline not reported; 1 entry no longer found (record the baseline again to drop it):
  resolved  env.yaml  failover-ha-dns-ttl at network.dns_ttl_seconds  [de99a4db2ee60739]" "$(cat err.txt)"

out=$("$bin" check --no-config --compact --today 2026-06-01 --baseline baseline.json \
  --set primary.usage.memory_percent=99 env.yaml 2>/dev/null)
check "a new finding: exit 1" 1 $?
check "a new finding: only the new one is reported" \
  "--set primary.usage.memory_percent=99: error: The primary's sustained memory use is 99 %, above GitHub's critical threshold of 70 %. [monitoring-memory-critical]
Result: FAIL - 1 finding at or above 'error' (1 error, 0 warnings, 0 info in 1 file)" "$out"

"$bin" check --no-config --baseline missing.json env.yaml > /dev/null 2> err.txt
check "a missing baseline: exit 2" 2 $?
check "a missing baseline: message" \
  "ghes-topology: error: baseline missing.json: cannot be read (create it with 'ghes-topology baseline FILE... -o missing.json')" \
  "$(cat err.txt)"
exit $failed
