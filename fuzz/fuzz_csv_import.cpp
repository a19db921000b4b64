// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: a delimited file through CsvReader and LeadImporter.
#include "fuzzentries.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    LeadsFuzz::initialise();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    LeadsFuzz::csvImport(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    return 0;
}
