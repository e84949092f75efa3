#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The benchmark of issue 8 in one command (see docs/performance.md): builds a Release tree
# (-O2 -DNDEBUG, as setup.sh does) in build-rel/, then prints, side by side in one run, the
# CPU-time ratios of ghes-topology against the floor (YAML::LoadFile + a walk of every node)
# and the peak RSS, as medians over rounds. Options go to `ghes-bench run`, e.g.
#   tests/bench/run.sh                        10,000 files, 3 rounds, catalog scaling
#   tests/bench/run.sh --files 1000 --rounds 5
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=${GHES_BENCH_BUILD_DIR:-build-rel}
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" \
  -DGHES_TOPOLOGY_WARNINGS_AS_ERRORS=ON >/dev/null
cmake --build "$dir" --target ghes-topology ghes-bench ghes-bench-floor >&2
defaults=(--files 10000 --rounds 3 --scaling)
[ $# -gt 0 ] && defaults=(--scaling)
exec "$dir/tests/bench/ghes-bench" run --bin "$dir/src/ghes-topology" --floor "$dir/tests/bench/ghes-bench-floor" \
  --rules rules --work "$dir/bench-work" "${defaults[@]}" "$@"
