// SPDX-License-Identifier: GPL-3.0-or-later
#include "passwordpolicy.h"

#include <QCoreApplication>

namespace Leads {

Outcome PasswordPolicy::check(const QString &password, const QString &username)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("PasswordPolicy", text); };
    if (password.size() < kMinLength)
        return Error(ErrorCode::InvalidInput,
                     tr("The password must have at least %1 characters.").arg(kMinLength),
                     QStringLiteral("password"));
    if (password.size() > kMaxLength)
        return Error(ErrorCode::InvalidInput,
                     tr("The password must have at most %1 characters.").arg(kMaxLength),
                     QStringLiteral("password"));
    if (!username.isEmpty() && password.compare(username, Qt::CaseInsensitive) == 0)
        return Error(ErrorCode::InvalidInput, tr("The password must not be the user name."),
                     QStringLiteral("password"));
    return {};
}

} // namespace Leads
