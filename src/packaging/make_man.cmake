# SPDX-License-Identifier: Apache-2.0
# Builds ghes-topology.1 from the program's own help: help2man reads `--help` and `--version`;
# the include file is ghes-topology.h2m (exit status, environment, files, examples) plus a
# COMMANDS section with the `--help` of every command path `completion --list-commands` names.
# cmake -DBIN=<ghes-topology> -DHELP2MAN=<help2man> -DINCLUDE=<.h2m> -DOUT=<.1> -P make_man.cmake
execute_process(COMMAND "${BIN}" completion --list-commands OUTPUT_VARIABLE paths RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${BIN} completion --list-commands failed (${rc})")
endif()
string(REGEX REPLACE "\n$" "" paths "${paths}")
string(REPLACE "\n" ";" paths "${paths}")
file(READ "${INCLUDE}" include_text)
string(APPEND include_text "\n[COMMANDS]\n")
foreach(path IN LISTS paths)
  string(REPLACE " " ";" words "${path}")
  execute_process(COMMAND "${BIN}" ${words} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${BIN} ${path} --help failed (${rc})")
  endif()
  # roff: a backslash is \e; a line starting with . or ' would be a request.
  string(REPLACE "\\" "\\e" help "${help}")
  string(REPLACE "-" "\\-" help "${help}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" help "${help}")
  string(REPLACE "-" "\\-" title "${path}")
  string(APPEND include_text ".SS \"ghes\\-topology ${title}\"\n.nf\n${help}.fi\n")
endforeach()
get_filename_component(dir "${OUT}" DIRECTORY)
file(WRITE "${dir}/ghes-topology.h2m" "${include_text}")
execute_process(
  COMMAND "${HELP2MAN}" --no-info --no-discard-stderr --section=1 --source=ghes-topology
          --name "advice on GitHub Enterprise Server deployment topologies"
          --include "${dir}/ghes-topology.h2m" --output "${OUT}" "${BIN}"
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man failed (${rc}): ${err}")
endif()
