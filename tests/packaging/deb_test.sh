#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The Debian package (issue 15), from an already-built (Release) tree: `cpack -G DEB`, `lintian`
# with no error and no warning (src/packaging/lintian-overrides says why each overridden tag is
# expected), Depends naming the shared libraries, then `apt-get install -y ./ghes-topology_*.deb`,
# `ghes-topology --version`, the man page, completion and docs in place, and removal.
# Needs root (it installs the package); exits 77 (ctest: skipped) otherwise.
# Usage: deb_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd) src=$2
if [ "$(id -u)" -ne 0 ]; then
  echo "not root: the .deb install test is skipped (CI runs it as root)" >&2
  exit 77
fi
if dpkg-query -W -f='${Status}' ghes-topology 2>/dev/null | grep -q 'install ok installed'; then
  echo "ghes-topology is already installed as a package; not touching it" >&2
  exit 77
fi
for tool in cpack lintian dpkg-shlibdeps file; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (./setup.sh test installs it)" >&2; exit 1; }
done
work=$(mktemp -d)
cleanup() {
  dpkg-query -W ghes-topology >/dev/null 2>&1 && apt-get remove -y -qq ghes-topology >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
(cd "$build" && cpack -G DEB -B "$work" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; exit 1; }
deb=("$work"/ghes-topology_"$version"-1_*.deb)
[ -f "${deb[0]}" ] || { echo "FAIL: no ghes-topology_$version-1_*.deb from cpack" >&2; ls "$work" >&2; exit 1; }
echo "built $(basename "${deb[0]}")"
fail=0
depends=$(dpkg-deb -f "${deb[0]}" Depends)
echo "Depends: $depends"
for lib in libyaml-cpp0.7 libfmt9 libpugixml1v5 libmimalloc2.0 libc6 libstdc++6; do
  grep -q "$lib" <<<"$depends" || { echo "FAIL: Depends does not name $lib" >&2; fail=1; }
done
# spdlog is compiled in (its header-only form): one shared library less to load at start-up.
if grep -q "libspdlog" <<<"$depends"; then
  echo "FAIL: Depends names libspdlog, which the binary should not link" >&2
  fail=1
fi
for field in Maintainer Section Homepage Description; do
  [ -n "$(dpkg-deb -f "${deb[0]}" "$field")" ] || { echo "FAIL: no $field field" >&2; fail=1; }
done
# lintian: no error, no warning. Overrides, each with its reason, are in the package
# (usr/share/lintian/overrides/ghes-topology, from src/packaging/lintian-overrides).
lintian --allow-root --tag-display-limit 0 "${deb[0]}" >"$work/lintian.log" 2>&1 || true
cat "$work/lintian.log"
if grep -q '^[EW]: ' "$work/lintian.log"; then
  echo "FAIL: lintian reports errors or warnings" >&2
  fail=1
fi
# apt: the path must start with ./ or / to be a file.
(cd "$work" && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ./"$(basename "${deb[0]}")" >"$work/apt.log" 2>&1) ||
  { cat "$work/apt.log" >&2; exit 1; }
out=$(ghes-topology --version)
echo "$out"
grep -q "^ghes-topology $version\$" <<<"$out" || { echo "FAIL: installed --version printed '$out'" >&2; fail=1; }
[ "$(command -v ghes-topology)" = /usr/bin/ghes-topology ] || { echo "FAIL: not /usr/bin/ghes-topology" >&2; fail=1; }
for f in /usr/share/man/man1/ghes-topology.1.gz /usr/share/bash-completion/completions/ghes-topology \
  /usr/share/zsh/vendor-completions/_ghes-topology /usr/share/fish/vendor_completions.d/ghes-topology.fish \
  /usr/share/doc/ghes-topology/copyright /usr/share/doc/ghes-topology/changelog.Debian.gz \
  /usr/share/doc/ghes-topology/install.md /usr/share/doc/ghes-topology/environment.schema.json \
  /usr/share/doc/ghes-topology/examples/flawed-plan.yaml; do
  [ -f "$f" ] || { echo "FAIL: the package did not install $f" >&2; fail=1; }
done
ghes-topology check --fail-on none /usr/share/doc/ghes-topology/examples/flawed-plan.yaml >/dev/null ||
  { echo "FAIL: the installed binary cannot check an installed example" >&2; fail=1; }
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq ghes-topology >/dev/null
[ ! -e /usr/bin/ghes-topology ] || { echo "FAIL: apt-get remove left /usr/bin/ghes-topology" >&2; fail=1; }
[ "$fail" -eq 0 ] && echo "deb: ok"
exit "$fail"
