# SPDX-License-Identifier: GPL-3.0-or-later
leads_add_test(test_storage SOURCES test_storage.cpp test_leadservice.cpp test_sampledata.cpp)
# The crash test kills a real leadsctl in the middle of a bulk write.
add_dependencies(test_storage leadsctl)
target_compile_definitions(test_storage PRIVATE LEADSCTL_PATH="$<TARGET_FILE:leadsctl>")
