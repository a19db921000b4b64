# SPDX-License-Identifier: GPL-3.0-or-later
# bench_server: mutations per second and latency percentiles of leads-server on loopback,
# with 1, 10 and 50 concurrent clients, on SQLite and (when it can start one) PostgreSQL.
add_executable(bench_server bench_server.cpp ${PROJECT_SOURCE_DIR}/tests/test_serverharness.cpp)
target_include_directories(bench_server PRIVATE ${PROJECT_SOURCE_DIR}/tests)
target_link_libraries(bench_server PRIVATE leads_benchsupport Qt6::Core Qt6::Network Qt6::Sql)
target_compile_definitions(bench_server PRIVATE LEADS_SERVER_PATH="$<TARGET_FILE:leads-server>")
add_dependencies(bench_server leads-server)
leads_configure_target(bench_server)
