// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <catch2/catch.hpp>

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class QSqlDatabase;

namespace Leads {
class Database;
}

namespace Catch {
template<>
struct StringMaker<QString>
{
    static std::string convert(const QString &s) { return '"' + s.toStdString() + '"'; }
};
template<>
struct StringMaker<QStringList>
{
    static std::string convert(const QStringList &l)
    {
        return "[" + l.join(QStringLiteral(", ")).toStdString() + "]";
    }
};
template<>
struct StringMaker<QByteArray>
{
    static std::string convert(const QByteArray &b) { return '"' + b.toStdString() + '"'; }
};
template<>
struct StringMaker<QDateTime>
{
    static std::string convert(const QDateTime &d) { return d.toString(Qt::ISODateWithMs).toStdString(); }
};
} // namespace Catch

namespace LeadsTest {
// A fresh in-memory database with the real migrations; fails the test if it cannot open.
std::unique_ptr<Leads::Database> memoryDatabase();
// A fixed, round moment so timelines and relative dates are deterministic.
QDateTime fixedNow();
// Settings go to a private directory (cleared on each call) so tests never read or write
// the user's.
void useTemporarySettings();
// Adds `count` leads, each with its own contact, in one statement: 'Lead 1'..., source
// chat, status New, except every `lostEvery`-th lead, which is Lost (0: none).
void insertGeneratedLeads(const QSqlDatabase &db, int count, int lostEvery = 0);
// Runs the event loop until `done` answers true; false when `timeoutMs` passed first.
bool waitFor(const std::function<bool()> &done, int timeoutMs = 20000);
} // namespace LeadsTest
