# bench_drift: the drift comparison of 5,000 synthetic objects against their
# live form, timed (median of several runs) against the 1 s target. A program
# to run by hand or in CI, not a ctest test.
add_executable(bench_drift ${CMAKE_CURRENT_LIST_DIR}/drift_bench.cpp)
target_link_libraries(bench_drift PRIVATE ivcapgen_core)
target_include_directories(bench_drift PRIVATE ${CMAKE_CURRENT_LIST_DIR}/..)
