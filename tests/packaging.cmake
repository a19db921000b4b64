# SPDX-License-Identifier: GPL-3.0-or-later
# The desktop entry and AppStream metadata must pass the freedesktop validators; skipped
# (not passed) when the tools are not installed.
add_test(NAME packaging_desktop_file_valid
  COMMAND sh -c "command -v desktop-file-validate >/dev/null || { echo 'skipped: desktop-file-validate not installed'; exit 77; }; desktop-file-validate '${PROJECT_SOURCE_DIR}/packaging/linux/org.leads.Leads.desktop'")
add_test(NAME packaging_metainfo_valid
  COMMAND sh -c "command -v appstreamcli >/dev/null || { echo 'skipped: appstreamcli not installed'; exit 77; }; appstreamcli validate --no-net --pedantic '${PROJECT_SOURCE_DIR}/packaging/linux/org.leads.Leads.metainfo.xml'")
set_tests_properties(packaging_desktop_file_valid packaging_metainfo_valid PROPERTIES SKIP_RETURN_CODE 77)
