// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/lead.h"
#include "domain/result.h"

#include <QList>

namespace Leads {

class LeadService;

// Active leads that may be the same person entered twice: the same normalised phone or
// e-mail (exact, from indexes: a million leads are never read into memory), or a similar
// name at the same company (Similarity, compared only within one company's leads).
// Only leads the actor may see are listed.
class DuplicateFinder
{
public:
    enum class Reason { Phone, Email, Name };
    struct Group
    {
        Reason reason = Reason::Phone;
        QString key; // the shared phone, e-mail or company
        QList<Lead> leads;
    };

    explicit DuplicateFinder(const LeadService &service);

    // At most `maxGroups` groups: phone first, then e-mail, then names.
    Result<QList<Group>> find(int maxGroups = 200) const;
    static QString reasonLabel(Reason reason);
    // Companies with more active leads than this are not compared by name (pairs grow
    // quadratically; such a company is a customer with many contacts, not duplicates).
    static constexpr int kMaxCompanyGroup = 60;

private:
    Result<QList<Lead>> leadsWhere(const QString &column, const QString &value) const;

    const LeadService &m_service;
};

} // namespace Leads
