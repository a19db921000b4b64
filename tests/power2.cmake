# SPDX-License-Identifier: GPL-3.0-or-later
# Power users, second part: duplicates and merge, bulk edits (core).
leads_add_test(test_power2core SOURCES test_duplicates.cpp test_merge.cpp test_bulkedit.cpp)
