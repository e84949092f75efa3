#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Colour on a real terminal (util-linux `script` provides the pseudo-terminal):
# `terminal_colour.sh BIN SRC`. With `--color auto` (the default) a terminal gets ANSI
# colour; TERM=dumb and NO_COLOR turn it off, as they do for other tools; the words stay the same.
set -uo pipefail
bin=$1
cd "$2" || exit 2
example=examples/small-single-site.yaml
failed=0

# The output of BIN recommend on a pseudo-terminal 100 columns wide, with the given environment.
on_tty() {
  env -u NO_COLOR -u COLUMNS LC_ALL=C.UTF-8 "$@" \
    script -qec "stty cols 100 2>/dev/null; '$bin' recommend --today 2026-06-01 $example" /dev/null
}
escapes() { grep -c $'\x1b\\[' || true; }

coloured=$(on_tty TERM=xterm-256color | escapes)
dumb=$(on_tty TERM=dumb | escapes)
no_color=$(on_tty TERM=xterm-256color NO_COLOR=1 | escapes)
plain_dumb=$(on_tty TERM=dumb | tr -d '\r')
plain_xterm=$(on_tty TERM=xterm-256color | tr -d '\r' | sed $'s/\x1b\\[[0-9;]*m//g')

check() { # check NAME CONDITION-RESULT
  if [ "$2" = yes ]; then echo "ok   $1"; else echo "FAIL $1" >&2; failed=1; fi
}
check "a terminal gets colour ($coloured lines with escapes)" "$([ "$coloured" -gt 0 ] && echo yes)"
check "TERM=dumb turns colour off" "$([ "$dumb" -eq 0 ] && echo yes)"
check "NO_COLOR turns colour off" "$([ "$no_color" -eq 0 ] && echo yes)"
check "the words are the same with and without colour" "$([ "$plain_dumb" = "$plain_xterm" ] && echo yes)"
exit $failed
