# Helpers shared by every SceneBench target: warnings, module libraries, tests.

# Warnings for our own code only (third-party headers are SYSTEM includes).
function(scenebench_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
    -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual -Wno-unused-parameter)
  if(SCENEBENCH_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# scenebench_core_module(<name> SOURCES ... [DEPS ...] [TORCH])
# One static library per core module (sb_<name>), so a module builds and is
# tested on its own; scenebench_core is the union of them all.
# TORCH: the module uses LibTorch and reuses the shared precompiled torch header.
function(scenebench_core_module name)
  cmake_parse_arguments(ARG "TORCH" "" "SOURCES;DEPS" ${ARGN})
  add_library(sb_${name} STATIC ${ARG_SOURCES})
  target_include_directories(sb_${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(sb_${name} PUBLIC ${ARG_DEPS})
  set_target_properties(sb_${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  scenebench_warnings(sb_${name})
  if(ARG_TORCH)
    target_link_libraries(sb_${name} PUBLIC sb_torch)
    target_precompile_headers(sb_${name} REUSE_FROM sb_torch_pch)
  endif()
  set_property(GLOBAL APPEND PROPERTY SCENEBENCH_CORE_MODULES sb_${name})
endfunction()

# scenebench_test(<name> SOURCES ... LIBS ... [LABELS ...] [GUI])
# A Qt Test executable tst_<name>, registered with CTest. Core tests need no
# display; GUI tests run with QT_QPA_PLATFORM=offscreen.
function(scenebench_test name)
  cmake_parse_arguments(ARG "GUI" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(tst_${name} ${ARG_SOURCES})
  set_target_properties(tst_${name} PROPERTIES AUTOMOC ON)
  target_link_libraries(tst_${name} PRIVATE ${ARG_LIBS} Qt6::Test)
  target_compile_definitions(tst_${name} PRIVATE
    SCENEBENCH_TEST_DATA="${PROJECT_SOURCE_DIR}/tests/data"
    SCENEBENCH_BIN_DIR="${CMAKE_RUNTIME_OUTPUT_DIRECTORY}"
    SCENEBENCH_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  scenebench_warnings(tst_${name})
  add_test(NAME ${name} COMMAND tst_${name})
  set(labels ${ARG_LABELS})
  if(NOT labels)
    set(labels unit)
  endif()
  set(env "")
  if(ARG_GUI)
    list(APPEND labels gui)
    set(env "QT_QPA_PLATFORM=offscreen")
  endif()
  set(timeout 300)
  if(ARG_TIMEOUT)
    set(timeout ${ARG_TIMEOUT})
  endif()
  set_tests_properties(${name} PROPERTIES LABELS "${labels}" TIMEOUT ${timeout}
    ENVIRONMENT "${env}")
endfunction()
