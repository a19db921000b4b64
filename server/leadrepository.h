// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/lead.h"
#include "domain/permissions.h"
#include "domain/result.h"

#include <QJsonArray>
#include <QStringList>
#include <QJsonObject>
#include <QUrlQuery>

namespace Leads::Server {

class ServerDatabase;

// A lead row as the server keeps it: the client's Lead plus the per-field versions and
// the change number sync compares.
struct ServerLead {
    Lead lead;
    int assigneeVersion = 1;
    int scoreVersion = 1;
    qint64 changeSeq = 0;
    QStringList aiReasons; // why the AI scored it so ("+12 asked about price")
};

// Reads of leads: one lead, its timeline, and the filtered, keyset-paged list.
class LeadRepository {
public:
    explicit LeadRepository(ServerDatabase &db) : m_db(db) { }

    Result<ServerLead> find(const QString &leadId) const;
    Result<QJsonArray> timeline(const QString &leadId) const;
    // GET /v1/leads: the same filters as the client's lead list (see docs/api.md), only
    // the leads `actor` may see, a page of `limit` after the opaque cursor `after`.
    Result<QJsonObject> list(const PermissionMatrix &matrix, const Actor &actor,
                             const QUrlQuery &query) const;

    static QJsonObject toJson(const ServerLead &lead);
    static QString iso(const QDateTime &at);

private:
    ServerDatabase &m_db;
};

} // namespace Leads::Server
