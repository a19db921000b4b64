# SPDX-License-Identifier: GPL-3.0-or-later
leads_add_test(test_scoring SOURCES test_scoring.cpp)
leads_add_test(test_scoring_scheduler SOURCES test_scoring_scheduler.cpp)
