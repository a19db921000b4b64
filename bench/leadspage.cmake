# SPDX-License-Identifier: GPL-3.0-or-later
# bench_leadspage: the Leads page against a naive QSqlTableModel + LIKE baseline.
add_executable(bench_leadspage bench_leadspage.cpp)
target_link_libraries(bench_leadspage PRIVATE Leads::Ui leads_benchsupport)
leads_configure_target(bench_leadspage)
