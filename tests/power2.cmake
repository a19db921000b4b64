# SPDX-License-Identifier: GPL-3.0-or-later
# Power users, second part: duplicates and merge, bulk edits (core), keyboard triage, the
# command palette and the merge dialog (offscreen widgets).
leads_add_test(test_power2core SOURCES test_duplicates.cpp test_merge.cpp test_bulkedit.cpp)
find_package(Qt6 REQUIRED COMPONENTS Test)
leads_add_test(test_triage SOURCES test_triage.cpp LIBS Leads::Ui Qt6::Test)
