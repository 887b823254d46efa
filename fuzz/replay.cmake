# Replays every input in INPUTS through FUZZER once (libFuzzer runs files given as arguments);
# any crash, sanitizer report, leak or timeout fails.
file(GLOB inputs "${INPUTS}/*")
if(NOT inputs)
  message(STATUS "no regression inputs in ${INPUTS}")
  return()
endif()
list(LENGTH inputs count)
execute_process(COMMAND ${FUZZER} -timeout=30 -rss_limit_mb=4096 ${inputs}
  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "a regression input fails again:\n${out}\n${err}")
endif()
message(STATUS "${count} regression inputs replayed")
