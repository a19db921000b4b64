# SPDX-License-Identifier: GPL-3.0-or-later
# Replays every seed (fuzz/corpus/) and every input that once crashed a fuzz target
# (fuzz/regressions/) through the fuzz entry points, in the normal gcc build: a fixed bug
# that comes back fails the suite even where clang and libFuzzer are not installed.
include(${PROJECT_SOURCE_DIR}/fuzz/entries.cmake)
leads_add_test(test_fuzz_regressions SOURCES test_fuzz_regressions.cpp LIBS leads_fuzz_entries)
target_compile_definitions(test_fuzz_regressions PRIVATE LEADS_FUZZ_DIR="${PROJECT_SOURCE_DIR}/fuzz")

# `tests_without_widgets`: every executable under tests/ that does not link the widgets libraries
# (Leads::Ui, Leads::CoreWidgets). CI's sanitizer run builds only these (see ASAN_* in
# ./dev): a second, instrumented build of the GUI and its tests does not fit the CI time
# budget. Computed at the end of configuration, so tests added later are included.
function(leads_define_tests_without_widgets)
  get_property(targets DIRECTORY ${PROJECT_SOURCE_DIR}/tests PROPERTY BUILDSYSTEM_TARGETS)
  set(selected)
  foreach(t IN LISTS targets)
    get_target_property(type ${t} TYPE)
    if(NOT type STREQUAL "EXECUTABLE")
      continue()
    endif()
    get_target_property(libs ${t} LINK_LIBRARIES)
    if(libs MATCHES "Leads::Ui|Leads::CoreWidgets|leads_ui|leads_corewidgets")
      continue()
    endif()
    list(APPEND selected ${t})
  endforeach()
  add_custom_target(tests_without_widgets DEPENDS ${selected})
  message(STATUS "tests_without_widgets: ${selected}")
endfunction()
cmake_language(DEFER DIRECTORY ${PROJECT_SOURCE_DIR} CALL leads_define_tests_without_widgets)
