# SPDX-License-Identifier: GPL-3.0-or-later
leads_add_test(test_scoring SOURCES test_scoring.cpp)
leads_add_test(test_scoring_scheduler SOURCES test_scoring_scheduler.cpp)
# Scoring in a team, against the real leads-server on 127.0.0.1.
leads_add_test(test_scoring_server SOURCES
  test_scoring_server.cpp
  test_serverharness.cpp
  test_syncsupport.cpp)
add_dependencies(test_scoring_server leads-server)
target_compile_definitions(test_scoring_server PRIVATE LEADS_SERVER_PATH="$<TARGET_FILE:leads-server>")
target_link_libraries(test_scoring_server PRIVATE Qt6::Network Qt6::Sql)
# The AI qualification settings page (offscreen).
find_package(Qt6 REQUIRED COMPONENTS Test)
leads_add_test(test_scoring_panel SOURCES test_scoring_panel.cpp LIBS Leads::Ui Qt6::Test)
# The team scoring scenarios again on PostgreSQL, reported as skipped when no cluster starts.
add_test(NAME scoring_scenarios_on_postgresql COMMAND test_scoring_server "[postgres]")
set_tests_properties(scoring_scenarios_on_postgresql PROPERTIES
  ENVIRONMENT "QT_QPA_PLATFORM=offscreen"
  SKIP_REGULAR_EXPRESSION "skipped: "
  TIMEOUT 300)
# The settings page's team backend against the real leads-server.
leads_add_test(test_scoring_serversettings SOURCES test_scoring_serversettings.cpp test_serverharness.cpp)
add_dependencies(test_scoring_serversettings leads-server)
target_compile_definitions(test_scoring_serversettings PRIVATE LEADS_SERVER_PATH="$<TARGET_FILE:leads-server>")
target_link_libraries(test_scoring_serversettings PRIVATE Qt6::Network Qt6::Sql)
