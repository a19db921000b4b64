# SPDX-License-Identifier: GPL-3.0-or-later
# bench_scoring: AI qualification — train on 100,000 leads, score 1,000,000.
add_executable(bench_scoring bench_scoring.cpp)
target_link_libraries(bench_scoring PRIVATE Leads::Core leads_benchsupport)
leads_configure_target(bench_scoring)
