// SPDX-License-Identifier: GPL-3.0-or-later
#include "tag.h"

#include <QCoreApplication>

namespace Leads {

Result<QString> Tag::normalize(const QString &text)
{
    const QString t = text.simplified();
    if (t.isEmpty())
        return Error(ErrorCode::InvalidInput, QCoreApplication::translate("Tag", "A tag cannot be empty."));
    if (t.size() > kMaxLength)
        return Error(ErrorCode::InvalidInput,
                     QCoreApplication::translate("Tag", "A tag has at most %1 characters.").arg(kMaxLength));
    if (t.contains(QLatin1Char(',')))
        return Error(ErrorCode::InvalidInput, QCoreApplication::translate("Tag", "A tag cannot contain a comma."));
    return t;
}

} // namespace Leads
