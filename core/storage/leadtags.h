// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QSqlDatabase>
#include <QStringList>

namespace Leads {

// The tags on leads (lead_tags), read for the detail pane and written by bulk edits and
// merges inside their transactions.
class LeadTags
{
public:
    static QStringList of(QSqlDatabase db, const QString &leadId);
    // True when the tag was new on this lead; `tag` must be Tag::normalize()d.
    static Result<bool> add(QSqlDatabase db, const QString &leadId, const QString &tag);
};

} // namespace Leads
