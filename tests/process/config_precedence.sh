#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The config file (issue 14): `config_precedence.sh BIN SRC`. For every setting, flag >
# environment variable > config file > default, read back with `check --show-config` (whole
# lines); discovery from the working directory upward, stopping at the repository root (the
# folder holding .git); GHES_TOPOLOGY_CONFIG, --config and --no-config; and the effective
# fail_on really gates the exit code.
set -uo pipefail
bin=$1
src=$2
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for v in $(env | grep -o '^GHES_TOPOLOGY_[A-Z_]*'); do unset "$v"; done

# $tmp/.ghes-topology.yaml  (outside the repository: never read from inside it)
# $tmp/repo/.git/
# $tmp/repo/.ghes-topology.yaml
# $tmp/repo/team/sub/       (the working directory of most runs)
# $tmp/other/.git/, $tmp/other/sub/ (a repository without a config file)
mkdir -p "$tmp/repo/.git" "$tmp/repo/team/sub" "$tmp/other/.git" "$tmp/other/sub" "$tmp/repo/rules-file"
printf 'version: 1\nfail_on: info\n' > "$tmp/.ghes-topology.yaml"
cat > "$tmp/repo/.ghes-topology.yaml" <<'YAML'
version: 1
fail_on: warning
rules: [rules-file]
params: [backups.max_days_since_restore_test=30]
waivers: file-waivers.yaml
waiver_warning_days: 30
severity: [failover-ha-dns-ttl=info, geography-dr-site-too-far=error]
disable: [monitoring]
enable_only: [failover, dr]
outputs: [text, sarif=reports/out.sarif]
YAML
printf 'version: 1\nfail_on: none\n' > "$tmp/explicit.yaml"
printf 'version: 1\nfail_on: error\n' > "$tmp/from-variable.yaml"

check() { # check NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then
    echo "ok   $1"
  else
    printf 'FAIL %s\n  expected: %s\n  actual:   %s\n' "$1" "$2" "$3" >&2
    failed=1
  fi
}
# The --show-config line of SETTING, run in DIR with the rest as `env` assignments and flags.
line() { # line DIR SETTING [VAR=VALUE...] [-- FLAGS...]
  local dir=$1 setting=$2
  shift 2
  local vars=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do vars+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  (cd "$dir" && env "${vars[@]}" "$bin" check --show-config "$@") | grep "^$setting = "
}
cfg=../../.ghes-topology.yaml
sub=$tmp/repo/team/sub

# fail_on
check "fail_on: default" "fail_on = error  (default)" "$(line "$tmp/other/sub" fail_on)"
check "fail_on: file" "fail_on = warning  ($cfg:2)" "$(line "$sub" fail_on)"
check "fail_on: variable > file" "fail_on = info  (GHES_TOPOLOGY_FAIL_ON)" \
  "$(line "$sub" fail_on GHES_TOPOLOGY_FAIL_ON=info)"
check "fail_on: flag > variable > file" "fail_on = none  (--fail-on)" \
  "$(line "$sub" fail_on GHES_TOPOLOGY_FAIL_ON=info -- --fail-on none)"
# rules (the whole list from one source; file entries relative to the config file)
check "rules: default" "rules = (none)  (default)" "$(line "$tmp/other/sub" rules)"
check "rules: file" "rules = ../../rules-file  ($cfg:3)" "$(line "$sub" rules)"
check "rules: variable > file" "rules = /var-a  (GHES_TOPOLOGY_RULES)
rules = /var-b  (GHES_TOPOLOGY_RULES)" "$(line "$sub" rules GHES_TOPOLOGY_RULES=/var-a:/var-b)"
check "rules: flag > variable > file" "rules = /flag  (--rules)" \
  "$(line "$sub" rules GHES_TOPOLOGY_RULES=/var-a -- --rules /flag)"
# params (per parameter name; '-' and '_' are the same name)
check "params: default" "params = (none)  (default)" "$(line "$tmp/other/sub" params)"
check "params: file" "params = backups.max_days_since_restore_test=30  ($cfg:4)" "$(line "$sub" params)"
check "params: variable > file" "params = backups.max-days-since-restore-test=40  (GHES_TOPOLOGY_PARAMS)" \
  "$(line "$sub" params GHES_TOPOLOGY_PARAMS=backups.max-days-since-restore-test=40)"
check "params: flag > variable > file" "params = backups.max_days_since_restore_test=50  (--param)" \
  "$(line "$sub" params GHES_TOPOLOGY_PARAMS=backups.max_days_since_restore_test=40 -- \
     --param backups.max_days_since_restore_test=50)"
# waivers
check "waivers: default" "waivers = (none)  (default)" "$(line "$tmp/other/sub" waivers)"
check "waivers: file" "waivers = ../../file-waivers.yaml  ($cfg:5)" "$(line "$sub" waivers)"
check "waivers: variable > file" "waivers = var.yaml  (GHES_TOPOLOGY_WAIVERS)" \
  "$(line "$sub" waivers GHES_TOPOLOGY_WAIVERS=var.yaml)"
check "waivers: flag > variable > file" "waivers = flag.yaml  (--waivers)" \
  "$(line "$sub" waivers GHES_TOPOLOGY_WAIVERS=var.yaml -- --waivers flag.yaml)"
# waiver_warning_days
check "waiver_warning_days: default" "waiver_warning_days = 14  (default)" \
  "$(line "$tmp/other/sub" waiver_warning_days)"
check "waiver_warning_days: file" "waiver_warning_days = 30  ($cfg:6)" "$(line "$sub" waiver_warning_days)"
check "waiver_warning_days: variable > file" "waiver_warning_days = 7  (GHES_TOPOLOGY_WAIVER_WARNING_DAYS)" \
  "$(line "$sub" waiver_warning_days GHES_TOPOLOGY_WAIVER_WARNING_DAYS=7)"
check "waiver_warning_days: flag > variable > file" "waiver_warning_days = 0  (--waiver-warning-days)" \
  "$(line "$sub" waiver_warning_days GHES_TOPOLOGY_WAIVER_WARNING_DAYS=7 -- --waiver-warning-days 0)"

# severity (per rule id, like params)
check "severity: default" "severity = (none)  (default)" "$(line "$tmp/other/sub" severity)"
check "severity: file" "severity = failover-ha-dns-ttl=info  ($cfg:7)
severity = geography-dr-site-too-far=error  ($cfg:7)" "$(line "$sub" severity)"
check "severity: variable > file (per rule id)" "severity = failover-ha-dns-ttl=error  (GHES_TOPOLOGY_SEVERITY)
severity = geography-dr-site-too-far=error  ($cfg:7)" \
  "$(line "$sub" severity GHES_TOPOLOGY_SEVERITY=failover-ha-dns-ttl=error)"
check "severity: flag > variable > file (per rule id)" "severity = failover-ha-dns-ttl=warning  (--severity)
severity = geography-dr-site-too-far=info  (GHES_TOPOLOGY_SEVERITY)" \
  "$(line "$sub" severity "GHES_TOPOLOGY_SEVERITY=failover-ha-dns-ttl=error geography-dr-site-too-far=info" -- \
     --severity failover-ha-dns-ttl=warning)"
# disable and enable_only (the whole list from one source, like rules)
for key in disable enable_only; do
  flag=--${key//_/-}
  var=GHES_TOPOLOGY_${key^^}
  if [ "$key" = disable ]; then file_lines="disable = monitoring  ($cfg:8)"; else
    file_lines="enable_only = failover  ($cfg:9)
enable_only = dr  ($cfg:9)"; fi
  check "$key: default" "$key = (none)  (default)" "$(line "$tmp/other/sub" "$key")"
  check "$key: file" "$file_lines" "$(line "$sub" "$key")"
  check "$key: variable > file" "$key = backups  ($var)
$key = geography  ($var)" "$(line "$sub" "$key" "$var=backups geography")"
  check "$key: flag > variable > file" "$key = hardware  ($flag)" \
    "$(line "$sub" "$key" "$var=backups geography" -- "$flag" hardware)"
done

# outputs (the whole list from one source; `--format` and `-o` are its flags; paths in the
# file relative to the config file)
check "outputs: default" "outputs = text  (default)" "$(line "$tmp/other/sub" outputs)"
check "outputs: file" "outputs = text  ($cfg:10)
outputs = sarif=../../reports/out.sarif  ($cfg:10)" "$(line "$sub" outputs)"
check "outputs: variable > file" "outputs = json  (GHES_TOPOLOGY_OUTPUTS)
outputs = junit=j.xml  (GHES_TOPOLOGY_OUTPUTS)" "$(line "$sub" outputs "GHES_TOPOLOGY_OUTPUTS=json junit=j.xml")"
check "outputs: flags (--format, -o) > variable > file" "outputs = markdown  (--format, -o)
outputs = sarif=s.sarif  (--format, -o)" \
  "$(line "$sub" outputs GHES_TOPOLOGY_OUTPUTS=json -- --format markdown -o sarif=s.sarif)"

# Which config file: discovery, the variable, --config, --no-config.
check "discovery: the repository's file from a subfolder" \
  "config = $cfg  (found from the working directory upward)" "$(line "$sub" config)"
check "discovery: in the folder itself" "config = .ghes-topology.yaml  (found from the working directory upward)" \
  "$(line "$tmp/repo" config)"
check "discovery stops at the repository root (.git), not above it" "config = (none)  (none found)" \
  "$(line "$tmp/other/sub" config)"
check "GHES_TOPOLOGY_CONFIG > discovery" "fail_on = error  ($tmp/from-variable.yaml:2)" \
  "$(line "$sub" fail_on GHES_TOPOLOGY_CONFIG="$tmp/from-variable.yaml")"
check "--config > GHES_TOPOLOGY_CONFIG" "fail_on = none  ($tmp/explicit.yaml:2)" \
  "$(line "$sub" fail_on GHES_TOPOLOGY_CONFIG="$tmp/from-variable.yaml" -- --config "$tmp/explicit.yaml")"
check "--no-config ignores every config file" "config = (none)  (--no-config)
fail_on = error  (default)" \
  "$(cd "$sub" && GHES_TOPOLOGY_CONFIG="$tmp/explicit.yaml" "$bin" check --show-config --no-config | grep -E '^(config|fail_on) = ')"

# A bad variable is exit 2 with did-you-mean.
out=$(cd "$sub" && GHES_TOPOLOGY_FAIL_ON=warn "$bin" check --show-config 2>&1)
check "a bad GHES_TOPOLOGY_FAIL_ON: exit 2" 2 $?
check "a bad GHES_TOPOLOGY_FAIL_ON: message" \
  "ghes-topology: error: GHES_TOPOLOGY_FAIL_ON must be error, warning, info or none, not 'warn'; did you mean 'warning'?" \
  "$out"

# The effective fail_on gates the exit code: scoped-waivers.yaml has one warning and no error.
cp "$src/tests/data/scenarios/scoped-waivers.yaml" "$tmp/plan.yaml"
printf 'version: 1\nfail_on: warning\n' > "$tmp/gate.yaml"
(cd "$tmp" && "$bin" check -q --today 2026-06-01 --no-config plan.yaml > /dev/null 2>&1)
check "without the file the warning passes" 0 $?
(cd "$tmp" && "$bin" check -q --today 2026-06-01 --config gate.yaml plan.yaml > /dev/null 2>&1)
check "fail_on: warning from the file fails the run" 1 $?
(cd "$tmp" && "$bin" check -q --today 2026-06-01 --config gate.yaml --fail-on error plan.yaml > /dev/null 2>&1)
check "--fail-on error beats the file" 0 $?
# The effective policy changes the findings: flawed-plan.yaml has failover-ha-dns-ttl (a
# warning) at line 58; each source's override shows in the compact line's severity.
ttl() { # ttl [VAR=VALUE...] [-- FLAGS...]: the compact line of failover-ha-dns-ttl, or "none"
  local vars=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do vars+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  local out
  out=$(cd "$tmp" && env "${vars[@]}" "$bin" check --compact --today 2026-06-01 --config policy.yaml "$@" \
          flawed.yaml 2>&1 | grep -o '^flawed.yaml:58:20: [a-z]*' || true)
  echo "${out:-none}"
}
cp "$src/examples/flawed-plan.yaml" "$tmp/flawed.yaml"
printf 'version: 1\nseverity: [failover-ha-dns-ttl=info]\n' > "$tmp/policy.yaml"
check "severity: the default (the rule's own)" "flawed.yaml:58:20: warning" "$(ttl -- --no-config)"
check "severity: the file's override applies" "flawed.yaml:58:20: info" "$(ttl)"
check "severity: the variable's beats the file's" "flawed.yaml:58:20: error" \
  "$(ttl GHES_TOPOLOGY_SEVERITY=failover-ha-dns-ttl=error)"
check "severity: the flag's beats the variable's" "flawed.yaml:58:20: warning" \
  "$(ttl GHES_TOPOLOGY_SEVERITY=failover-ha-dns-ttl=error -- --severity failover-ha-dns-ttl=warning)"
printf 'version: 1\ndisable: [failover]\n' > "$tmp/policy.yaml"
check "disable: the file's list applies (a category)" "none" "$(ttl)"
check "disable: the variable's list replaces the file's" "flawed.yaml:58:20: warning" "$(ttl GHES_TOPOLOGY_DISABLE=monitoring)"
check "disable: the flag's list replaces the variable's" "none" \
  "$(ttl GHES_TOPOLOGY_DISABLE=monitoring -- --disable failover-ha-dns-ttl)"
printf 'version: 1\nenable_only: [monitoring]\n' > "$tmp/policy.yaml"
check "enable_only: the file's list applies" "none" "$(ttl)"
check "enable_only: the variable's list replaces the file's" "flawed.yaml:58:20: warning" \
  "$(ttl GHES_TOPOLOGY_ENABLE_ONLY=failover)"
check "enable_only: the flag's list replaces the variable's" "none" \
  "$(ttl GHES_TOPOLOGY_ENABLE_ONLY=failover -- --enable-only dr)"
check "enable_only, then disable" "none" "$(ttl -- --enable-only failover --disable failover-ha-dns-ttl)"

# The effective outputs are written: the file's (relative to it), the variable's, the flags'.
mkdir -p "$tmp/cfgdir" "$tmp/reports"
printf 'version: 1\noutputs: [json, sarif=../reports/from-file.sarif]\n' > "$tmp/cfgdir/out.yaml"
# The first two lines, without blanks. The whole output is read first: `head` closing the pipe
# early would kill the run (SIGPIPE) before it writes its file outputs.
first() { local all; all=$(cat); printf '%s\n' "$all" | head -2 | tr -d ' \n'; }
got=$(cd "$tmp" && "$bin" check -q --config cfgdir/out.yaml flawed.yaml 2>/dev/null | first)
check "outputs: the file's bare format is the standard output" '{"schema_version":1,' "$got"
check "outputs: the file's FORMAT=PATH is written relative to the config file" yes \
  "$([ -s "$tmp/reports/from-file.sarif" ] && echo yes)"
got=$(cd "$tmp" && GHES_TOPOLOGY_OUTPUTS="junit sarif=from-var.sarif" "$bin" check -q --config cfgdir/out.yaml \
        flawed.yaml 2>/dev/null | first)
check "outputs: the variable's list replaces the file's" '<?xmlversion="1.0"encoding="UTF-8"?><testsuites>' "$got"
check "outputs: the variable's FORMAT=PATH is relative to the working directory" yes \
  "$([ -s "$tmp/from-var.sarif" ] && echo yes)"
rm -f "$tmp/reports/from-file.sarif"
got=$(cd "$tmp" && GHES_TOPOLOGY_OUTPUTS=junit "$bin" check -q --config cfgdir/out.yaml --compact \
        --format text flawed.yaml 2>/dev/null | tail -1)
check "outputs: --format replaces both" "Result: FAIL - 8 findings at or above 'error' (8 errors, 5 warnings, 2 info in 1 file)" "$got"
check "outputs: --format replaces the file's -o outputs too" no "$([ -e "$tmp/reports/from-file.sarif" ] && echo yes || echo no)"
out=$(cd "$tmp" && GHES_TOPOLOGY_OUTPUTS="jsn" "$bin" check --no-config flawed.yaml 2>&1)
check "outputs: a bad format is exit 2" 2 $?
check "outputs: a bad format gets did-you-mean" \
  "ghes-topology: error: GHES_TOPOLOGY_OUTPUTS jsn: 'check' offers no jsn output; did you mean 'json'?" "$out"

# init --config: the starter loads as it is and with every setting uncommented.
(cd "$tmp" && "$bin" init --config > starter.yaml && "$bin" check --config starter.yaml --show-config > /dev/null)
check "init --config: the starter loads" 0 $?
sed 's/^# \([a-z_]*: \)/\1/' "$tmp/starter.yaml" > "$tmp/starter-all.yaml"
check "init --config: every setting uncommented" 10 "$(grep -c '^[a-z_]*: ' "$tmp/starter-all.yaml")"
(cd "$tmp" && "$bin" check --config starter-all.yaml --show-config > /dev/null)
check "init --config: the uncommented starter loads" 0 $?
exit $failed
