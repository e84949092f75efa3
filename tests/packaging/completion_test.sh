#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Shell completions (issue 15): `ghes-topology completion bash` sourced in bash completes
# commands, --format values (from the formats table), rule ids and options, driven through
# COMP_WORDS/COMP_CWORD as bash does on TAB; the zsh and fish scripts pass `zsh -n`/`fish -n`
# and, when zsh/fish are installed, fish completes the same. Usage: completion_test.sh BIN
set -euo pipefail
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

"$bin" completion bash >"$work/ghes-topology.bash"
"$bin" completion zsh >"$work/_ghes-topology"
"$bin" completion fish >"$work/ghes-topology.fish"

# complete WORD... : the candidates bash offers for the last word (one line, sorted).
complete_words() {
  bash -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    _ghes_topology
    printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " " | sed "s/ $//"
  ' complete "$work/ghes-topology.bash" "$@"
}
expect() { # expect "WANT" WORD...
  local want=$1
  shift
  local got
  got=$(complete_words "$@")
  if [ "$got" != "$want" ]; then
    echo "FAIL: '$*<TAB>' completed to '$got', expected '$want'" >&2
    fail=1
  fi
}

expect "recommend" ghes-topology rec
expect "check completion" ghes-topology c
expect "list params show test" ghes-topology rules ""
# --format values come from the formats table: the set `check` accepts, as its usage error
# for a bad value names them ("--format must be text, json, ... or github, not 'x'").
formats=$({ "$bin" check --format x examples/none.yaml 2>&1 || true; } | sed -n "s/^.*--format must be \(.*\), not 'x'.*$/\1/p" |
  sed 's/ or /, /' | tr -d ',' | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//')
[ -n "$formats" ] || { echo "FAIL: no formats in the usage error of 'check --format x'" >&2; fail=1; }
expect "$formats" ghes-topology check --format ""
expect "$formats" ghes-topology -q check --today 2026-01-01 --format ""
expect "error info none warning" ghes-topology check --fail-on ""
expect "bash fish zsh" ghes-topology completion ""
expect "always auto never" ghes-topology --color ""
expect "failover-ha-dns-ttl failover-ha-dns-ttl-short" ghes-topology rules show failover-ha-dns
expect "failover-ha-dns-ttl-short" ghes-topology rules show --param x=1 failover-ha-dns-ttl-
expect "--fail-on --format" ghes-topology check --f
# Positional FILE arguments complete file names.
mkdir -p "$work/dir" && touch "$work/dir/env-a.yaml" "$work/dir/env-b.yaml"
expect "$work/dir/env-a.yaml $work/dir/env-b.yaml" ghes-topology validate "$work/dir/env-"
expect "$work/dir/env-a.yaml $work/dir/env-b.yaml" ghes-topology check --format json "$work/dir/env-"
expect "$work/dir/env-a.yaml $work/dir/env-b.yaml" ghes-topology diff "$work/dir/env-"

if command -v zsh >/dev/null; then
  zsh -n "$work/_ghes-topology" || { echo "FAIL: zsh -n rejects the zsh completion" >&2; fail=1; }
else
  echo "zsh not installed: zsh syntax check skipped" >&2
fi
if command -v fish >/dev/null; then
  fish -n "$work/ghes-topology.fish" || { echo "FAIL: fish -n rejects the fish completion" >&2; fail=1; }
  got=$(HOME="$work" fish -N -c "source '$work/ghes-topology.fish'; complete -C 'ghes-topology rec'" | cut -f1)
  [ "$got" = "recommend" ] || { echo "FAIL: fish completed 'ghes-topology rec' to '$got'" >&2; fail=1; }
  got=$(HOME="$work" fish -N -c "source '$work/ghes-topology.fish'; complete -C 'ghes-topology check --format '" |
    cut -f1 | sort | tr '\n' ' ' | sed 's/ $//')
  [ "$got" = "$formats" ] || { echo "FAIL: fish completed 'check --format ' to '$got'" >&2; fail=1; }
else
  echo "fish not installed: fish checks skipped" >&2
fi
[ "$fail" -eq 0 ] && echo "completions: ok"
exit "$fail"
