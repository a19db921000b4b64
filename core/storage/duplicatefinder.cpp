// SPDX-License-Identifier: GPL-3.0-or-later
#include "duplicatefinder.h"

#include "database.h"
#include "domain/similarity.h"
#include "leadrow.h"
#include "leadservice.h"

#include <QCoreApplication>
#include <QSqlQuery>

#include <numeric>

namespace Leads {

namespace {
// lupdate files these calls under the class whose member makes them (Leads::DuplicateFinder), or
// under the namespace when a free function makes them: look in both.
QString tr(const char *text)
{
    const QString translated = QCoreApplication::translate("Leads::DuplicateFinder", text);
    return translated != QLatin1String(text) ? translated : QCoreApplication::translate("Leads", text);
}

const char kColumns[] =
    "l.id, l.contact_id, l.name, l.company, l.phone, l.email, l.source, l.source_detail, "
    "l.campaign, l.status, l.status_version, l.lost_reason, l.assignee_id, u.display_name, "
    "l.ai_score, l.manual_score, l.qualification_method, l.qualified_by, l.qualified_at, "
    "l.follow_up_at, l.created_at, l.updated_at, l.last_activity_at, l.version";
} // namespace

DuplicateFinder::DuplicateFinder(const LeadService &service) : m_service(service) {}

QString DuplicateFinder::reasonLabel(Reason reason)
{
    switch (reason) {
    case Reason::Phone: return tr("Same phone");
    case Reason::Email: return tr("Same e-mail");
    case Reason::Name: return tr("Similar name, same company");
    }
    return {};
}

Result<QList<Lead>> DuplicateFinder::leadsWhere(const QString &column, const QString &value) const
{
    QSqlQuery q(m_service.database().connection());
    q.setForwardOnly(true);
    // `column` is one of three constants below; the value is bound. The conditions repeat
    // the partial indexes' own so that SQLite uses them.
    const QString extra = column == QLatin1String("company") ? QStringLiteral(" COLLATE NOCASE") : QString();
    // INDEXED BY: left to itself the planner walks leads_pipeline (is_final = 0), which
    // on a million leads reads every active lead.
    q.prepare(QStringLiteral("SELECT %1 FROM leads l INDEXED BY leads_dup_%2 LEFT JOIN users u ON u.id = l.assignee_id "
                             "WHERE l.%2 = ?%3 AND l.%2 <> '' AND l.is_final = 0 ORDER BY l.created_at")
                  .arg(QLatin1String(kColumns), column, extra));
    q.addBindValue(value);
    if (!q.exec())
        return storageError(q, tr("reading possible duplicates"));
    const PermissionMatrix matrix = m_service.permissions();
    QList<Lead> list;
    while (q.next()) {
        Lead l = leadFromRow(q);
        if (canSeeLead(matrix, m_service.actor(), l.assigneeId))
            list.append(l);
    }
    return list;
}

Result<QList<DuplicateFinder::Group>> DuplicateFinder::find(int maxGroups) const
{
    QList<Group> groups;
    QSqlQuery keys(m_service.database().connection());
    keys.setForwardOnly(true);
    const struct
    {
        Reason reason;
        QString column;
    } exact[] = {{Reason::Phone, QStringLiteral("phone")}, {Reason::Email, QStringLiteral("email")}};
    for (const auto &e : exact) {
        // Grouped from the partial index: only keys, never the rows.
        keys.prepare(QStringLiteral("SELECT %1 FROM leads INDEXED BY leads_dup_%1 WHERE %1 <> '' AND is_final = 0 "
                                    "GROUP BY %1 HAVING COUNT(*) > 1 LIMIT ?")
                         .arg(e.column));
        keys.addBindValue(maxGroups);
        if (!keys.exec())
            return storageError(keys, tr("finding possible duplicates"));
        QStringList values;
        while (keys.next())
            values.append(keys.value(0).toString());
        keys.finish();
        for (const QString &value : std::as_const(values)) {
            if (groups.size() >= maxGroups)
                return groups;
            auto leads = leadsWhere(e.column, value);
            if (!leads)
                return leads.error();
            if (leads.value().size() > 1)
                groups.append({e.reason, value, leads.value()});
        }
    }

    keys.prepare(QStringLiteral("SELECT company FROM leads INDEXED BY leads_dup_company WHERE company <> '' AND is_final = 0 "
                                "GROUP BY company COLLATE NOCASE HAVING COUNT(*) BETWEEN 2 AND ?"));
    keys.addBindValue(kMaxCompanyGroup);
    if (!keys.exec())
        return storageError(keys, tr("finding possible duplicates"));
    QStringList companies;
    while (keys.next())
        companies.append(keys.value(0).toString());
    keys.finish();
    for (const QString &company : std::as_const(companies)) {
        if (groups.size() >= maxGroups)
            break;
        auto found = leadsWhere(QStringLiteral("company"), company);
        if (!found)
            return found.error();
        const QList<Lead> &leads = found.value();
        // Connected pairs form one group (union-find over the company's leads).
        std::vector<int> parent(size_t(leads.size()));
        std::iota(parent.begin(), parent.end(), 0);
        auto root = [&parent](int i) {
            while (parent[size_t(i)] != i)
                i = parent[size_t(i)] = parent[size_t(parent[size_t(i)])];
            return i;
        };
        bool any = false;
        for (int i = 0; i < leads.size(); ++i) {
            for (int j = i + 1; j < leads.size(); ++j) {
                const Lead &a = leads.at(i);
                const Lead &b = leads.at(j);
                // Already listed by phone or e-mail.
                if ((!a.phone.isEmpty() && a.phone == b.phone) || (!a.email.isEmpty() && a.email == b.email))
                    continue;
                if (Similarity::similarLeads(a.name, a.company, b.name, b.company)) {
                    parent[size_t(root(j))] = root(i);
                    any = true;
                }
            }
        }
        if (!any)
            continue;
        QHash<int, QList<Lead>> byRoot;
        QList<int> order;
        for (int i = 0; i < leads.size(); ++i) {
            const int r = root(i);
            if (!byRoot.contains(r))
                order.append(r);
            byRoot[r].append(leads.at(i));
        }
        for (int r : std::as_const(order)) {
            if (byRoot.value(r).size() > 1 && groups.size() < maxGroups)
                groups.append({Reason::Name, company, byRoot.value(r)});
        }
    }
    return groups;
}

} // namespace Leads
