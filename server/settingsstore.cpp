// SPDX-License-Identifier: GPL-3.0-or-later
#include "settingsstore.h"

#include "domain/aiqualification.h"
#include "domain/mergeplan.h"
#include "serverdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlQuery>

Q_DECLARE_LOGGING_CATEGORY(lcServerDb)

namespace Leads::Server {

QStringList SettingsStore::defaultLostReasons()
{
    return {QStringLiteral("No budget"), QStringLiteral("Chose a competitor"), QStringLiteral("No response"),
            QStringLiteral("Not a fit"), QStringLiteral("Bad timing"),         QStringLiteral("Duplicate")};
}

QString SettingsStore::value(const QString &name, const QString &fallback) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT value FROM settings WHERE name = ?"));
    q.addBindValue(name);
    if (q.exec() && q.next())
        return q.value(0).toString();
    return fallback;
}

QString SettingsStore::duplicateReason() const
{
    const QString followed = value(QStringLiteral("duplicate_reason"), {});
    return followed.isEmpty() ? DuplicateReason::initial(lostReasons()) : followed;
}

Outcome SettingsStore::set(const QString &name, const QString &value, qint64 seq)
{
    if (name == QLatin1String("lost_reasons")) {
        QStringList now;
        for (const QJsonValue &v : QJsonDocument::fromJson(value.toUtf8()).array())
            now.append(v.toString());
        const QString followed = DuplicateReason::follow(duplicateReason(), lostReasons(), now);
        if (auto kept = store(QStringLiteral("duplicate_reason"), followed, seq); !kept)
            return kept;
    }
    return store(name, value, seq);
}

Outcome SettingsStore::store(const QString &name, const QString &value, qint64 seq)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("INSERT INTO settings (name, value, change_seq) VALUES (?, ?, ?) "
                             "ON CONFLICT (name) DO UPDATE SET value = excluded.value, "
                             "change_seq = excluded.change_seq"));
    q.addBindValue(name);
    q.addBindValue(value);
    q.addBindValue(seq);
    if (!q.exec())
        return dbError(q, QStringLiteral("saving a setting"));
    return {};
}

PermissionMatrix SettingsStore::permissions() const
{
    const QString json = value(QStringLiteral("permissions"), {});
    if (json.isEmpty())
        return PermissionMatrix::defaults();
    auto parsed = PermissionMatrix::fromJson(QJsonDocument::fromJson(json.toUtf8()).object());
    if (!parsed) {
        qCWarning(lcServerDb) << "stored permissions are invalid, using the defaults";
        return PermissionMatrix::defaults();
    }
    return parsed.value();
}

QStringList SettingsStore::lostReasons() const
{
    const QString json = value(QStringLiteral("lost_reasons"), {});
    if (json.isEmpty())
        return defaultLostReasons();
    QStringList list;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &v : array)
        list.append(v.toString());
    return list;
}

int SettingsStore::aiThreshold() const
{
    return AiQualification::thresholdFromSetting(value(QStringLiteral("ai_threshold"), {}));
}

bool SettingsStore::aiEnabled() const
{
    return AiQualification::enabledFromSetting(value(QStringLiteral("ai_enabled"), {}));
}

QJsonObject SettingsStore::sourceRules() const
{
    return QJsonDocument::fromJson(value(QStringLiteral("source_rules"), QStringLiteral("{}")).toUtf8())
        .object();
}

QString SettingsStore::defaultCountry() const
{
    return value(QStringLiteral("default_country"), QStringLiteral("US"));
}

AssignmentRule SettingsStore::assignmentRule() const
{
    const QString json = value(QStringLiteral("assignment_rule"), {});
    if (json.isEmpty())
        return {};
    auto rule = AssignmentRule::fromJson(QJsonDocument::fromJson(json.toUtf8()).object());
    return rule ? rule.value() : AssignmentRule();
}

int SettingsStore::assignmentCursor() const
{
    return value(QStringLiteral("assignment_cursor"), QStringLiteral("0")).toInt();
}

StaleRules SettingsStore::staleRules() const
{
    return StaleRules::fromSetting(value(QStringLiteral("stale_rules"), {}));
}

QJsonArray SettingsStore::teamViews() const
{
    return QJsonDocument::fromJson(value(QStringLiteral("team_views"), QStringLiteral("[]")).toUtf8()).array();
}

QJsonObject SettingsStore::toJson() const
{
    return {
        {QStringLiteral("lostReasons"), QJsonArray::fromStringList(lostReasons())},
        {QStringLiteral("duplicateReason"), duplicateReason()},
        {QStringLiteral("aiThreshold"), aiThreshold()},
        {QStringLiteral("aiEnabled"), aiEnabled()},
        {QStringLiteral("sourceRules"), sourceRules()},
        {QStringLiteral("defaultCountry"), defaultCountry()},
        {QStringLiteral("assignmentRule"), assignmentRule().toJson()},
        {QStringLiteral("aiExcludedAttributes"),
         QJsonDocument::fromJson(value(QStringLiteral("ai_excluded_attributes"), QStringLiteral("[]")).toUtf8()).array()},
        {StaleRules::settingKey(), staleRules().toJson()},
        {QStringLiteral("teamViews"), teamViews()},
    };
}

} // namespace Leads::Server
