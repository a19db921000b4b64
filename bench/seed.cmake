# SPDX-License-Identifier: GPL-3.0-or-later
# bench_seed: leadsctl's sample-data load against sqlite3 .import of the same rows.
add_executable(bench_seed bench_seed.cpp)
target_link_libraries(bench_seed PRIVATE Leads::Core leads_benchsupport)
leads_configure_target(bench_seed)
