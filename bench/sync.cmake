# SPDX-License-Identifier: GPL-3.0-or-later
# bench_sync: first sync of a large workspace from leads-server on loopback, and the
# round trip of one change from one client to another.
add_executable(bench_sync bench_sync.cpp ${PROJECT_SOURCE_DIR}/tests/test_serverharness.cpp)
target_include_directories(bench_sync PRIVATE ${PROJECT_SOURCE_DIR}/tests)
target_link_libraries(bench_sync PRIVATE leads_benchsupport Leads::Core Qt6::Network Qt6::Sql)
target_compile_definitions(bench_sync PRIVATE LEADS_SERVER_PATH="$<TARGET_FILE:leads-server>")
add_dependencies(bench_sync leads-server)
leads_configure_target(bench_sync)
