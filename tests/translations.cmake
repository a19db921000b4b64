# SPDX-License-Identifier: GPL-3.0-or-later
# Translations: the embedded catalogues, real widgets in German, the language preference
# and the shipped .ts files themselves.
leads_add_test(test_translations SOURCES test_translations.cpp LIBS Leads::Ui Leads::Translations Qt6::Test)
target_compile_definitions(test_translations PRIVATE
  LEADS_TRANSLATIONS_DIR="${PROJECT_SOURCE_DIR}/translations")
