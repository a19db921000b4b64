// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <cstdint>

namespace Leads {

// Buying signals found in what a contact wrote, from a small built-in multilingual word
// list (English, Spanish, French, German, Portuguese, Italian). Stems match word starts
// ("pric" finds "price" and "pricing"), so no stemmer or downloaded data is needed.
class IntentLexicon
{
public:
    enum Intent : std::uint8_t {
        Price = 1 << 0,
        Buy = 1 << 1,
        Demo = 1 << 2,
        Order = 1 << 3,
        Interest = 1 << 4,
        NotInterested = 1 << 5,
    };
    static constexpr int kIntentCount = 6;

    // The intents in `text` as a bit set. A refusal ("not interested", "kein Interesse")
    // cancels the plain interest words of the same message.
    static std::uint8_t detect(QStringView text);
    // Stable id ("price") for model files and tests.
    static QString id(Intent intent);
    static Intent fromIndex(int index) { return static_cast<Intent>(1 << index); }
};

} // namespace Leads
