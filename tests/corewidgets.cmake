# SPDX-License-Identifier: GPL-3.0-or-later
# Leads::CoreWidgets: status palette contrast and the status pill delegate.
leads_add_test(test_corewidgets SOURCES test_corewidgets.cpp LIBS Leads::CoreWidgets)
