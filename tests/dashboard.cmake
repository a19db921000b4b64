# SPDX-License-Identifier: GPL-3.0-or-later
# The pipeline dashboard: its figures against hand-computed and plainly computed ones,
# and the page (offscreen).
leads_add_test(test_pipelinestats SOURCES test_pipelinestats.cpp)
leads_add_test(test_pipelinepage SOURCES test_pipelinepage.cpp LIBS Leads::Ui Qt6::Test)
