# SPDX-License-Identifier: GPL-3.0-or-later
# The fuzz entry points as a library, built by the fuzz executables (fuzz/CMakeLists.txt)
# and by the regression test that replays fuzz/regressions/ (tests/fuzz.cmake). The
# server is an executable, so its sources (all but main.cpp) are compiled in here.
if(NOT TARGET leads_fuzz_entries)
  find_package(Qt6 6.4 REQUIRED COMPONENTS HttpServer Network Sql)
  get_target_property(_leads_server_sources leads-server SOURCES)
  list(FILTER _leads_server_sources EXCLUDE REGEX "(^|/)main\\.cpp$")
  list(TRANSFORM _leads_server_sources PREPEND "${PROJECT_SOURCE_DIR}/server/")
  add_library(leads_fuzz_entries STATIC
    ${CMAKE_CURRENT_LIST_DIR}/fuzzentries.h
    ${CMAKE_CURRENT_LIST_DIR}/coreentries.cpp
    ${CMAKE_CURRENT_LIST_DIR}/serverentries.cpp
    ${_leads_server_sources})
  target_include_directories(leads_fuzz_entries
    PUBLIC ${CMAKE_CURRENT_LIST_DIR}
    PRIVATE ${PROJECT_SOURCE_DIR}/server)
  target_link_libraries(leads_fuzz_entries PUBLIC Leads::Core Qt6::HttpServer Qt6::Network Qt6::Sql)
  target_compile_definitions(leads_fuzz_entries PRIVATE LEADS_SERVER_VERSION="${PROJECT_VERSION}")
  leads_configure_target(leads_fuzz_entries)
  leads_use_pch(leads_fuzz_entries core)
endif()
