# A short fuzzing session of FUZZER over a copy of CORPUS in WORK, for SECONDS. A finding
# (crash, sanitizer report, leak, timeout, memory over 2 GB) fails, and its input is kept in
# WORK/artifacts to be added to regressions/ with the fix.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/corpus" "${WORK}/artifacts")
file(GLOB seeds "${CORPUS}/*")
file(COPY ${seeds} DESTINATION "${WORK}/corpus")
set(dictionary)
if(EXISTS "${DICTIONARY}")
  set(dictionary "-dict=${DICTIONARY}")
endif()
execute_process(
  COMMAND ${FUZZER} "${WORK}/corpus" -max_total_time=${SECONDS} -timeout=10 -rss_limit_mb=2048
    -artifact_prefix=${WORK}/artifacts/ -print_final_stats=1 ${dictionary}
  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(REGEX MATCH "stat::number_of_executed_units: *[0-9]+" executed "${err}")
if(NOT status EQUAL 0)
  message(FATAL_ERROR "fuzzing found a problem; inputs in ${WORK}/artifacts\n${err}")
endif()
message(STATUS "no finding in ${SECONDS} s (${executed})")
