// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: search text through SearchIndex::matchExpression and LeadQuery.
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
    LeadsFuzz::searchQuery(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    return 0;
}
