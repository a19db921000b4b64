# SPDX-License-Identifier: GPL-3.0-or-later
# End-to-end tests of leads-server: each test case starts the real process on 127.0.0.1
# with a random port and a temporary database.
leads_add_test(test_server SOURCES
  test_serverharness.cpp
  test_server_auth.cpp
  test_server_access.cpp
  test_server_input.cpp
  test_server_postgres.cpp
  test_server_units.cpp
  test_server_ingest.cpp
  ${PROJECT_SOURCE_DIR}/server/fieldreader.cpp
  ${PROJECT_SOURCE_DIR}/server/jsoninput.cpp
  ${PROJECT_SOURCE_DIR}/server/loginthrottle.cpp)
target_include_directories(test_server PRIVATE ${PROJECT_SOURCE_DIR}/server)
add_dependencies(test_server leads-server)
target_compile_definitions(test_server PRIVATE LEADS_SERVER_PATH="$<TARGET_FILE:leads-server>")
target_link_libraries(test_server PRIVATE Qt6::Network Qt6::Sql)
# The PostgreSQL run is hidden from discovery and registered here, so that ctest reports
# it as skipped (with the reason in its output) when no cluster can be started.
add_test(NAME server_scenarios_on_postgresql COMMAND test_server "[postgres]")
set_tests_properties(server_scenarios_on_postgresql PROPERTIES
  ENVIRONMENT "QT_QPA_PLATFORM=offscreen"
  SKIP_REGULAR_EXPRESSION "skipped: "
  TIMEOUT 300)
