// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <random>

class QFile;
class QNetworkAccessManager;

namespace Leads {
class Database;
class LeadService;
class SyncEngine;
} // namespace Leads

namespace Soak {

// One desktop client of the soak, in its own process so that it can be killed with -9:
// its own SQLite file, the real LeadService and SyncEngine, and a user who keeps changing
// leads (status, notes, scores, follow-ups, assignments for a manager). Every change the
// local database accepted is appended to a journal right after its commit, so the final
// check knows what this client made even when it was killed a moment later.
class SoakClient : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString url;
        QString token;
        QString userId;
        QString name;
        bool manager = false;
        QStringList assignees; // whom a manager may assign to
        QString dbPath;
        QString journalPath;
        quint64 seed = 1;
        // Final mode: no changes, sync until nothing waits, exit 0 (or 3 after the timeout).
        bool finalSync = false;
        int finalTimeoutMs = 120000;
    };

    explicit SoakClient(Options options, QObject *parent = nullptr);
    ~SoakClient() override;

    int run();

private:
    void mutate();
    void journal(const QString &kind, const QString &leadId, const QString &text);
    void finalRound();

    Options m_options;
    std::mt19937_64 m_rng;
    std::unique_ptr<Leads::Database> m_db;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<Leads::LeadService> m_service;
    std::unique_ptr<Leads::SyncEngine> m_engine;
    std::unique_ptr<QFile> m_journal;
    QString m_lostReason;
    qint64 m_made = 0;
    int m_quietRounds = 0;
};

} // namespace Soak
