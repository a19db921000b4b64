# SPDX-License-Identifier: GPL-3.0-or-later
# Power-user features of the Leads page: saved views, stale leads, the Kanban board.
find_package(Qt6 REQUIRED COMPONENTS Test)
leads_add_test(test_powerviews SOURCES test_powerviews.cpp LIBS Leads::Ui Qt6::Test)
leads_add_test(test_kanban SOURCES test_kanban.cpp LIBS Leads::Ui Qt6::Test)
# Stale limits and shared team views kept by the real leads-server.
leads_add_test(test_teamviews SOURCES test_serverharness.cpp test_teamviews.cpp LIBS Leads::Ui Qt6::Test)
add_dependencies(test_teamviews leads-server)
target_compile_definitions(test_teamviews PRIVATE LEADS_SERVER_PATH="$<TARGET_FILE:leads-server>")
