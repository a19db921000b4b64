# SPDX-License-Identifier: GPL-3.0-or-later
# Sync: fault injection through a fake network access manager, and end-to-end runs of
# several clients against the real leads-server on 127.0.0.1.
leads_add_test(test_sync SOURCES
  test_serverharness.cpp
  test_syncsupport.cpp
  test_sync_faults.cpp
  test_sync_e2e.cpp
  test_sync_session.cpp
  test_sync_restart.cpp
  test_sync_random.cpp
  test_sync_snapshot.cpp
  test_sync_serverkill.cpp)
add_dependencies(test_sync leads-server)
target_compile_definitions(test_sync PRIVATE LEADS_SERVER_PATH="$<TARGET_FILE:leads-server>")
target_link_libraries(test_sync PRIVATE Qt6::Network Qt6::Sql)
# The first download's chunk format (CBOR and JSON), hostile bodies included.
leads_add_test(test_snapshot_format SOURCES test_snapshot_format.cpp)
# The end-to-end scenarios again on PostgreSQL, reported as skipped when no cluster starts.
add_test(NAME sync_scenarios_on_postgresql COMMAND test_sync "[postgres]")
set_tests_properties(sync_scenarios_on_postgresql PROPERTIES
  ENVIRONMENT "QT_QPA_PLATFORM=offscreen"
  SKIP_REGULAR_EXPRESSION "skipped: "
  TIMEOUT 300)
