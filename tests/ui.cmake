# SPDX-License-Identifier: GPL-3.0-or-later
find_package(Qt6 REQUIRED COMPONENTS Test)
leads_add_test(test_ui SOURCES test_ui.cpp LIBS Leads::Ui Qt6::Test)
