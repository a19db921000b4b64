# SPDX-License-Identifier: GPL-3.0-or-later
leads_add_test(test_scoring SOURCES test_scoring.cpp)
