// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/lead.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace Leads {

// One custom attribute of a lead (lead_attributes: number, category or free text).
struct LeadAttribute
{
    QString key;
    QString type; // "number", "category" or "text"
    QString value;
};

// Everything the scorer may look at for one lead. Deliberately without status, status
// history, lost reason, assignee or manual score: those are set by people while working
// the lead and would leak the outcome into the model.
struct LeadSnapshot
{
    QString leadId;
    QDateTime createdAt;
    QString source;
    QString campaign;
    QList<Interaction> interactions; // any order; the extractor filters by time
    QList<LeadAttribute> attributes;
};

} // namespace Leads
