# SPDX-License-Identifier: GPL-3.0-or-later
# bench_import: CSV import with dedup against sqlite3 .import of the same file.
add_executable(bench_import bench_import.cpp)
target_link_libraries(bench_import PRIVATE Leads::Core leads_benchsupport)
leads_configure_target(bench_import)
