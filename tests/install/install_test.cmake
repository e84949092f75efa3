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
# The man page (when help2man built it), completions, schemas, docs and examples (issue 15).
set(expected_files share/bash-completion/completions/ghes-topology share/zsh/vendor-completions/_ghes-topology
    share/fish/vendor_completions.d/ghes-topology.fish share/doc/ghes-topology/environment.schema.json
    share/doc/ghes-topology/output-json.schema.json share/doc/ghes-topology/install.md
    share/doc/ghes-topology/README.md share/doc/ghes-topology/copyright
    share/doc/ghes-topology/examples/flawed-plan.yaml)
if(MAN)
  list(APPEND expected_files share/man/man1/ghes-topology.1.gz)
endif()
foreach(f IN LISTS expected_files)
  if(NOT EXISTS "${PREFIX}/${f}")
    message(FATAL_ERROR "cmake --install did not install ${PREFIX}/${f}:\n${out}")
  endif()
endforeach()
execute_process(
  COMMAND "${installed}" --version
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err
  RESULT_VARIABLE rc)
file(REMOVE_RECURSE "${PREFIX}")
set(want "^ghes-topology ${VERSION}\nrule catalog: [0-9]+ built-in rules, digest fnv1a64:[0-9a-f]+\n$")
if(NOT rc EQUAL 0 OR NOT out MATCHES "${want}" OR NOT err STREQUAL "")
  message(FATAL_ERROR "installed ghes-topology --version: exit ${rc}, stdout '${out}', stderr '${err}'; "
    "expected exit 0, stdout matching '${want}', no stderr")
endif()
