#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The container image without a container engine (issue 15): runs src/packaging/Dockerfile's
# steps on this machine, which must be the image's base distribution (Debian 12): COPY the
# .deb (built here with cpack), every RUN line as root in a private mount namespace whose
# /var/lib/apt/lists is a scratch copy (so `rm -rf /var/lib/apt/lists/*` stays in the test),
# then the ENTRYPOINT as the USER in the WORKDIR. Undoes the package and the user afterwards.
# Needs root; exits 77 (ctest: skipped) otherwise. Usage: docker_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
dockerfile="$src/src/packaging/Dockerfile"
if [ "$(id -u)" -ne 0 ]; then
  echo "not root: the Dockerfile steps are not run (CI runs them as root)" >&2
  exit 77
fi
if dpkg-query -W -f='${Status}' ghes-topology 2>/dev/null | grep -q 'install ok installed'; then
  echo "ghes-topology is already installed as a package; not touching it" >&2
  exit 77
fi
# Instructions with continuation lines joined, comments dropped.
steps=$(sed -e '/^#/d' "$dockerfile" | sed -e ':a' -e '/\\$/N; s/\\\n//; ta')
from=$(sed -n 's/^FROM //p' <<<"$steps")
. /etc/os-release
[ "$from" = "debian:${VERSION_ID}-slim" ] && [ "$ID" = debian ] ||
  { echo "FAIL: the Dockerfile builds on '$from'; this machine is $ID $VERSION_ID" >&2; exit 1; }
work=$(mktemp -d)
user=''
cleanup() {
  [ -n "$user" ] && id "$user" >/dev/null 2>&1 && userdel -r "$user" >/dev/null 2>&1
  dpkg-query -W ghes-topology >/dev/null 2>&1 && apt-get remove -y -qq ghes-topology >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
mkdir "$work/context" "$work/lists"
(cd "$build" && cpack -G DEB -B "$work/context" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; exit 1; }
cp -a /var/lib/apt/lists/. "$work/lists/"
workdir=/ entrypoint=''
while IFS= read -r line; do
  [ -z "$line" ] && continue
  instruction=${line%% *} args=${line#* }
  case "$instruction" in
    FROM | CMD) ;;
    COPY)
      read -r -a parts <<<"$args"
      # shellcheck disable=SC2086
      (cd "$work/context" && cp ${parts[*]:0:${#parts[@]}-1} "${parts[-1]}")
      ;;
    RUN)
      echo "RUN $args"
      unshare --mount bash -euo pipefail -c 'mount --bind "$1" /var/lib/apt/lists && cd "$2" && eval "$3"' \
        run "$work/lists" "$workdir" "$args" >"$work/run.log" 2>&1 || { cat "$work/run.log" >&2; exit 1; }
      ;;
    USER) user=$args ;;
    WORKDIR)
      workdir=$args
      mkdir -p "$workdir"
      ;;
    ENTRYPOINT) entrypoint=$(python3 -c 'import json,sys; print(" ".join(json.loads(sys.argv[1])))' "$args") ;;
    *)
      echo "FAIL: docker_test.sh does not know the instruction $instruction" >&2
      exit 1
      ;;
  esac
done <<<"$steps"
[ "$entrypoint" = ghes-topology ] || { echo "FAIL: ENTRYPOINT is '$entrypoint'" >&2; exit 1; }
[ -n "$user" ] && [ "$(id -u "$user")" -ne 0 ] || { echo "FAIL: the image does not run as a non-root user" >&2; exit 1; }
[ "$workdir" = /work ] || { echo "FAIL: WORKDIR is '$workdir', not /work" >&2; exit 1; }
# `docker run IMAGE --version` and `docker run -v "$PWD:/work" IMAGE check FILE`.
cp "$src/examples/flawed-plan.yaml" "$workdir/" && chmod a+r "$workdir/flawed-plan.yaml"
out=$(cd "$workdir" && runuser -u "$user" -- "$entrypoint" --version)
echo "$out"
grep -q '^ghes-topology ' <<<"$out" || { echo "FAIL: --version as $user printed '$out'" >&2; exit 1; }
(cd "$workdir" && runuser -u "$user" -- "$entrypoint" check --fail-on none flawed-plan.yaml >/dev/null) ||
  { echo "FAIL: check in $workdir as $user failed" >&2; exit 1; }
rm -f "$workdir/flawed-plan.yaml"
rmdir "$workdir" 2>/dev/null || true
echo "Dockerfile steps: ok"
