// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace Leads {

// New row ids: UUID version 7 (48-bit millisecond time, then random bits). They are as
// unique as random UUIDs, and ids made one after another sort together, so unique
// indexes grow by appending instead of scattering inserts across the tree.
QByteArray newIdUtf8();
inline QString newId()
{
    return QString::fromLatin1(newIdUtf8());
}

// Appends `text` as a JSON string literal (quotes and escapes included) — for payloads
// built in bulk paths, where QJsonDocument's round trip through CBOR is the hot spot.
void appendJsonString(QByteArray &out, QStringView text);

} // namespace Leads
