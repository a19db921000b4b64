# SPDX-License-Identifier: GPL-3.0-or-later
# Exports: CSV/XLSX round trips, the PDF report, leadsctl export and the export dialog.
leads_add_test(test_export SOURCES test_export.cpp LIBS Leads::Ui)
add_dependencies(test_export leadsctl)
target_compile_definitions(test_export PRIVATE LEADSCTL_PATH="$<TARGET_FILE:leadsctl>")
