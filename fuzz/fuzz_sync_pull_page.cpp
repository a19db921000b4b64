// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: a pull page through PullPage::fromJson and SyncStore::applyPage.
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
    LeadsFuzz::syncPullPage(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    return 0;
}
