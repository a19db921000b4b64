# SPDX-License-Identifier: GPL-3.0-or-later
# Power users, second part: duplicates and merge, bulk edits (core), keyboard triage, the
# command palette and the merge dialog (offscreen widgets).
leads_add_test(test_power2core SOURCES test_duplicates.cpp test_merge.cpp test_bulkedit.cpp)
find_package(Qt6 REQUIRED COMPONENTS Test)
leads_add_test(test_triage SOURCES test_triage.cpp LIBS Leads::Ui Qt6::Test)
# Per-lead sync marks against the real leads-server (offscreen widgets).
leads_add_test(test_syncbadges SOURCES test_serverharness.cpp test_clientsupport.cpp test_syncbadges.cpp LIBS Leads::Ui Qt6::Test)
add_dependencies(test_syncbadges leads-server)
target_compile_definitions(test_syncbadges PRIVATE LEADS_SERVER_PATH="$<TARGET_FILE:leads-server>")
target_link_libraries(test_syncbadges PRIVATE Qt6::Network)
# Merges through sync, end to end with the real leads-server.
leads_add_test(test_merge_sync SOURCES test_serverharness.cpp test_syncsupport.cpp test_merge_sync.cpp)
add_dependencies(test_merge_sync leads-server)
target_compile_definitions(test_merge_sync PRIVATE LEADS_SERVER_PATH="$<TARGET_FILE:leads-server>")
target_link_libraries(test_merge_sync PRIVATE Qt6::Network Qt6::Sql)
# The same scenarios on PostgreSQL, reported as skipped when no cluster starts.
add_test(NAME merge_sync_on_postgresql COMMAND test_merge_sync "[postgres]")
set_tests_properties(merge_sync_on_postgresql PROPERTIES
  ENVIRONMENT "QT_QPA_PLATFORM=offscreen"
  SKIP_REGULAR_EXPRESSION "skipped: "
  TIMEOUT 300)
