# kitsunet_target_defaults(TARGET): strict warnings as errors, applied per target.
function(kitsunet_target_defaults target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wshadow -Wconversion -Wsign-conversion -Wpedantic -Werror
    $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
  target_compile_features(${target} PUBLIC cxx_std_23)
endfunction()

# kitsunet_test(NAME SOURCES... LIBS ...): a GoogleTest binary registered with CTest.
function(kitsunet_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  kitsunet_target_defaults(${name})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    KITSUNET_VECTORS_DIR="${KITSUNET_VECTORS_DIR}"
    KITSUNET_JS_DIR="${KITSUNET_JS_DIR}"
    KITSUNET_BIN_DIR="${CMAKE_RUNTIME_OUTPUT_DIRECTORY}")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 600)
endfunction()
