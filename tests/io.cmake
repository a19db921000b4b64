# SPDX-License-Identifier: GPL-3.0-or-later
leads_add_test(test_import SOURCES test_import.cpp)
leads_add_test(test_importwizard SOURCES test_importwizard.cpp LIBS Leads::Ui)
add_dependencies(test_import leadsctl)
target_compile_definitions(test_import PRIVATE LEADSCTL_PATH="$<TARGET_FILE:leadsctl>")
