# SPDX-License-Identifier: GPL-3.0-or-later
# Power-user features of the Leads page: saved views, stale leads, the Kanban board.
find_package(Qt6 REQUIRED COMPONENTS Test)
leads_add_test(test_powerviews SOURCES test_powerviews.cpp LIBS Leads::Ui Qt6::Test)
leads_add_test(test_kanban SOURCES test_kanban.cpp LIBS Leads::Ui Qt6::Test)
