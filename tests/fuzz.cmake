# SPDX-License-Identifier: GPL-3.0-or-later
# Replays every seed (fuzz/corpus/) and every input that once crashed a fuzz target
# (fuzz/regressions/) through the fuzz entry points, in the normal gcc build: a fixed bug
# that comes back fails the suite even where clang and libFuzzer are not installed.
include(${PROJECT_SOURCE_DIR}/fuzz/entries.cmake)
leads_add_test(test_fuzz_regressions SOURCES test_fuzz_regressions.cpp LIBS leads_fuzz_entries)
target_compile_definitions(test_fuzz_regressions PRIVATE LEADS_FUZZ_DIR="${PROJECT_SOURCE_DIR}/fuzz")
