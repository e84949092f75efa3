# SPDX-License-Identifier: Apache-2.0
# Runs one golden case: `cmake -DBIN=... -DSRC=... -DCASE=<dir> -DVERSION=... -P run_golden.cmake`.
# A case directory holds `args` (one argument per line), optionally `stdin`, and the
# expectations `expected.stdout`, `expected.stderr`, `expected.exit`. The binary runs in
# the source tree. The version number is replaced by `<version>`, and a catalog
# digest by `fnv1a64:<digest>`, before comparing.
# With the environment variable GHES_TOPOLOGY_UPDATE_GOLDEN=1 the expectations are rewritten.
file(STRINGS "${CASE}/args" args ENCODING UTF-8)
set(input_file /dev/null)
if(EXISTS "${CASE}/stdin")
  set(input_file "${CASE}/stdin")
endif()
set(ENV{NO_COLOR} "")
# Pinned: the locale decides UTF-8 or ASCII score bars, and goldens are UTF-8.
set(ENV{LC_ALL} "C.UTF-8")
unset(ENV{COLUMNS})
execute_process(
  COMMAND "${BIN}" ${args}
  WORKING_DIRECTORY "${SRC}"
  INPUT_FILE "${input_file}"
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err
  RESULT_VARIABLE rc)
foreach(stream out err)
  string(REPLACE "${VERSION}" "<version>" ${stream} "${${stream}}")
  # The rule catalog's digest (`--version`) changes with every rule edit.
  string(REGEX REPLACE "fnv1a64:[0-9a-f]+" "fnv1a64:<digest>" ${stream} "${${stream}}")
endforeach()

if("$ENV{GHES_TOPOLOGY_UPDATE_GOLDEN}" STREQUAL "1")
  file(WRITE "${CASE}/expected.stdout" "${out}")
  file(WRITE "${CASE}/expected.stderr" "${err}")
  file(WRITE "${CASE}/expected.exit" "${rc}\n")
  message(STATUS "updated ${CASE}")
  return()
endif()

set(failed FALSE)
file(READ "${CASE}/expected.exit" want_rc)
string(STRIP "${want_rc}" want_rc)
if(NOT rc STREQUAL want_rc)
  message(SEND_ERROR "exit code: expected ${want_rc}, got ${rc}")
  set(failed TRUE)
endif()
get_filename_component(name "${CASE}" NAME)
foreach(pair "out;stdout" "err;stderr")
  list(GET pair 0 var)
  list(GET pair 1 stream)
  file(READ "${CASE}/expected.${stream}" want)
  if(NOT want STREQUAL "${${var}}")
    set(actual "${CMAKE_CURRENT_BINARY_DIR}/golden-${name}.${stream}")
    file(WRITE "${actual}" "${${var}}")
    execute_process(COMMAND diff -u "${CASE}/expected.${stream}" "${actual}" OUTPUT_VARIABLE diff)
    message(SEND_ERROR "${stream} differs from ${CASE}/expected.${stream}:\n${diff}")
    set(failed TRUE)
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "golden case ${name} failed; if the change is intended, refresh with:\n"
    "  GHES_TOPOLOGY_UPDATE_GOLDEN=1 ctest --test-dir build -R golden && GHES_TOPOLOGY_UPDATE_GOLDEN=1 ctest --test-dir build -R README")
endif()
