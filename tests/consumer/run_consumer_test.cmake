# Drives the consumer test (cmake -P): installs the current ferry build into a fresh prefix
# inside the build tree, checks the installed package does not leak the core's private
# dependencies, then configures, builds and runs tests/consumer against that prefix with the same
# generator and compiler. Any failing step fails the test.
#
# Inputs (-D): FERRY_BINARY_DIR, CONSUMER_SOURCE_DIR, WORK_DIR, GENERATOR, CONFIG, CXX_COMPILER,
# MAKE_PROGRAM (optional), CONSUMER_CXX_FLAGS (optional, e.g. the sanitizer flags).
cmake_minimum_required(VERSION 3.20)

foreach(_var FERRY_BINARY_DIR CONSUMER_SOURCE_DIR WORK_DIR GENERATOR CONFIG CXX_COMPILER)
  if(NOT DEFINED ${_var} OR "${${_var}}" STREQUAL "")
    message(FATAL_ERROR "run_consumer_test.cmake: -D${_var}=... is required")
  endif()
endforeach()

set(_prefix "${WORK_DIR}/prefix")
set(_build "${WORK_DIR}/build")

function(run_step name)
  message(STATUS "consumer test: ${name}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE _rc COMMAND_ECHO STDOUT)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "consumer test: step '${name}' failed (${_rc})")
  endif()
endfunction()

file(REMOVE_RECURSE "${_prefix}" "${_build}")

# 1. Install this build tree into the private prefix.
run_step("install into ${_prefix}"
  "${CMAKE_COMMAND}" --install "${FERRY_BINARY_DIR}" --prefix "${_prefix}" --config "${CONFIG}")

# 2. The installed package must not need Eigen or cereal: they are private to the core.
file(GLOB_RECURSE _exports "${_prefix}/*/cmake/ferry/*.cmake")
if(NOT _exports)
  message(FATAL_ERROR "consumer test: no ferry CMake package files were installed under ${_prefix}")
endif()
file(GLOB_RECURSE _headers "${_prefix}/include/ferry/*.hpp")
if(NOT _headers)
  message(FATAL_ERROR "consumer test: no ferry headers were installed under ${_prefix}/include")
endif()
foreach(_file IN LISTS _exports)
  file(STRINGS "${_file}" _hits REGEX "Eigen3::|cereal::")
  if(_hits)
    message(FATAL_ERROR "consumer test: ${_file} links a private dependency: ${_hits}")
  endif()
endforeach()
foreach(_file IN LISTS _headers)
  file(STRINGS "${_file}" _hits REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](Eigen|cereal|zlib)")
  if(_hits)
    message(FATAL_ERROR "consumer test: ${_file} includes a private dependency: ${_hits}")
  endif()
endforeach()
if(NOT EXISTS "${_prefix}/include/ferry/version.hpp")
  message(FATAL_ERROR "consumer test: the generated ferry/version.hpp was not installed")
endif()

# 3. Configure the consumer against the prefix only (no package registry, no build tree).
set(_configure
  "${CMAKE_COMMAND}" -S "${CONSUMER_SOURCE_DIR}" -B "${_build}" -G "${GENERATOR}"
  "-DCMAKE_BUILD_TYPE=${CONFIG}"
  "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
  "-DCMAKE_PREFIX_PATH=${_prefix}"
  "-DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF")
if(DEFINED MAKE_PROGRAM AND NOT MAKE_PROGRAM STREQUAL "")
  list(APPEND _configure "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
if(DEFINED CONSUMER_CXX_FLAGS AND NOT CONSUMER_CXX_FLAGS STREQUAL "")
  list(APPEND _configure "-DCMAKE_CXX_FLAGS=${CONSUMER_CXX_FLAGS}"
                         "-DCMAKE_EXE_LINKER_FLAGS=${CONSUMER_CXX_FLAGS}")
endif()
run_step("configure ${CONSUMER_SOURCE_DIR}" ${_configure})

# The package found must be the one just installed.
file(STRINGS "${_build}/CMakeCache.txt" _ferry_dir REGEX "^ferry_DIR:")
string(REGEX REPLACE "^ferry_DIR:[A-Z]+=" "" _ferry_dir "${_ferry_dir}")
file(REAL_PATH "${_prefix}" _real_prefix)
file(REAL_PATH "${_ferry_dir}" _real_ferry_dir)
string(FIND "${_real_ferry_dir}" "${_real_prefix}/" _at)
if(NOT _at EQUAL 0)
  message(FATAL_ERROR "consumer test: found ferry in '${_ferry_dir}', not in ${_prefix}")
endif()

# 4. Build and run both programs (ferry::ferry and ferry::static).
run_step("build" "${CMAKE_COMMAND}" --build "${_build}" --config "${CONFIG}" --parallel 2)
foreach(_name consumer consumer_static)
  if(EXISTS "${_build}/${CONFIG}/${_name}")
    set(_exe "${_build}/${CONFIG}/${_name}")
  else()
    set(_exe "${_build}/${_name}")
  endif()
  run_step("run ${_name}" "${_exe}")
endforeach()
message(STATUS "consumer test: passed")
