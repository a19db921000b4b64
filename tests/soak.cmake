# SPDX-License-Identifier: GPL-3.0-or-later
# The soak driver (tools/leads-soak, docs/soak.md): clients, the capture feed, kill -9 and a
# faulty proxy against one leads-server on loopback. `tools/soak --minutes N` runs it by
# hand; CI runs it for a minute, so a change that loses or doubles data fails there too.
add_executable(leads-soak
  ${PROJECT_SOURCE_DIR}/tools/leads-soak/main.cpp
  ${PROJECT_SOURCE_DIR}/tools/leads-soak/faultproxy.cpp
  ${PROJECT_SOURCE_DIR}/tools/leads-soak/soakclient.cpp
  ${PROJECT_SOURCE_DIR}/tools/leads-soak/soakrun.cpp)
target_link_libraries(leads-soak PRIVATE Leads::Core Qt6::Network Qt6::Sql)
add_dependencies(leads-soak leads-server leadsctl)
leads_configure_target(leads-soak)
add_test(NAME soak_one_minute COMMAND leads-soak --seconds 60 --seed 20261130 --server-kill-every 15
  --server $<TARGET_FILE:leads-server> --leadsctl $<TARGET_FILE:leadsctl>)
set_tests_properties(soak_one_minute PROPERTIES TIMEOUT 420 LABELS soak RUN_SERIAL TRUE)
