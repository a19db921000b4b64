# SPDX-License-Identifier: GPL-3.0-or-later
find_package(Qt6 REQUIRED COMPONENTS Test)
leads_add_test(test_ui SOURCES test_ui.cpp test_followups.cpp test_assignment.cpp test_accessibility.cpp LIBS Leads::Ui Qt6::Test)
# A process that installs the crash handler and crashes, for test_ui's crash report test.
add_executable(crashprobe crashprobe.cpp)
target_link_libraries(crashprobe PRIVATE Leads::Ui)
leads_configure_target(crashprobe)
add_dependencies(test_ui crashprobe)
target_compile_definitions(test_ui PRIVATE CRASHPROBE_PATH="$<TARGET_FILE:crashprobe>")

# Signing in and syncing from the client, against the real leads-server on 127.0.0.1.
leads_add_test(test_syncui SOURCES test_serverharness.cpp test_clientsupport.cpp test_syncui.cpp LIBS Leads::Ui Qt6::Test)
add_dependencies(test_syncui leads-server)
target_compile_definitions(test_syncui PRIVATE LEADS_SERVER_PATH="$<TARGET_FILE:leads-server>")
target_link_libraries(test_syncui PRIVATE Qt6::Network)

# The settings dialog, locally and against the real leads-server.
leads_add_test(test_settings SOURCES test_serverharness.cpp test_settings.cpp LIBS Leads::Ui Qt6::Test)
add_dependencies(test_settings leads-server)
target_compile_definitions(test_settings PRIVATE LEADS_SERVER_PATH="$<TARGET_FILE:leads-server>")
target_link_libraries(test_settings PRIVATE Qt6::Network)
