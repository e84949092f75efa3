# SPDX-License-Identifier: Apache-2.0
# Installs the build into a fresh temporary prefix and runs the installed binary:
# `cmake -DBUILD=<build dir> -DPREFIX=<dir> -DBINDIR=<bin dir name> -DVERSION=... -P install_test.cmake`.
file(REMOVE_RECURSE "${PREFIX}")
execute_process(
  COMMAND "${CMAKE_COMMAND}" --install "${BUILD}" --prefix "${PREFIX}"
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc}):\n${out}${err}")
endif()
set(installed "${PREFIX}/${BINDIR}/ghes-topology")
if(NOT EXISTS "${installed}")
  message(FATAL_ERROR "cmake --install did not install ${installed}:\n${out}")
endif()
execute_process(
  COMMAND "${installed}" --version
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err
  RESULT_VARIABLE rc)
file(REMOVE_RECURSE "${PREFIX}")
if(NOT rc EQUAL 0 OR NOT out STREQUAL "ghes-topology ${VERSION}\n" OR NOT err STREQUAL "")
  message(FATAL_ERROR "installed ghes-topology --version: exit ${rc}, stdout '${out}', stderr '${err}'; "
    "expected exit 0, stdout 'ghes-topology ${VERSION}\\n', no stderr")
endif()
