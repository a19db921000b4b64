# SPDX-License-Identifier: GPL-3.0-or-later
# Contrast of every theme, and the windows at 200 % scaling and with a larger font.
leads_add_test(test_display SOURCES test_display.cpp LIBS Leads::Ui Qt6::Test)
