# SPDX-License-Identifier: GPL-3.0-or-later
# bench_ingest: signed lead-capture deliveries per second on loopback, 1 and 10 senders.
add_executable(bench_ingest bench_ingest.cpp ${PROJECT_SOURCE_DIR}/tests/test_serverharness.cpp)
target_include_directories(bench_ingest PRIVATE ${PROJECT_SOURCE_DIR}/tests)
target_link_libraries(bench_ingest PRIVATE leads_benchsupport Qt6::Core Qt6::Network Qt6::Sql)
target_compile_definitions(bench_ingest PRIVATE LEADS_SERVER_PATH="$<TARGET_FILE:leads-server>")
add_dependencies(bench_ingest leads-server)
leads_configure_target(bench_ingest)
