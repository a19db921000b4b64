# SPDX-License-Identifier: GPL-3.0-or-later
# Project-wide settings applied per target (no global flags): strict Qt macros,
# warnings, optional warnings-as-errors, and a shared precompiled header for Qt.

function(leads_configure_target target)
  target_compile_definitions(${target} PRIVATE
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_KEYWORDS
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_STRICT_ITERATORS
    QT_DISABLE_DEPRECATED_UP_TO=0x060400)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local
    -Wnon-virtual-dtor -Woverloaded-virtual)
  if(LEADS_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# Precompiled Qt headers per library target (ccache needs CCACHE_SLOPPINESS with
# pch_defines,time_macros, which ./dev sets).
function(leads_use_pch target kind)
  if(kind STREQUAL "widgets")
    target_precompile_headers(${target} PRIVATE <QtCore> <QtGui> <QtWidgets> <QtSql>)
  else()
    target_precompile_headers(${target} PRIVATE <QtCore> <QtSql>)
  endif()
endfunction()
