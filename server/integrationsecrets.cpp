// SPDX-License-Identifier: GPL-3.0-or-later
#include "integrationsecrets.h"

#include "serverclock.h"
#include "serverdatabase.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlQuery>

namespace Leads::Server {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("IntegrationSecrets", text);
}

// Compares without an early exit, so the time taken does not reveal how much matched.
bool sameBytes(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}
} // namespace

bool IntegrationSecrets::isValidName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9_-]{0,63}$"));
    return pattern.match(name).hasMatch();
}

QByteArray IntegrationSecrets::sign(const QByteArray &secret, const QByteArray &timestamp, const QByteArray &body)
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, secret);
    mac.addData(timestamp);
    mac.addData(".");
    mac.addData(body);
    return mac.result().toHex();
}

QString IntegrationSecrets::newSecret()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QStringLiteral("lis_")
        + QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Result<QString> IntegrationSecrets::create(const QString &name, const QString &createdBy)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT 1 FROM integrations WHERE name = ?"));
    q.addBindValue(name);
    if (!q.exec())
        return dbError(q, tr("looking up the integration"));
    if (q.next())
        return Error(ErrorCode::Conflict, tr("An integration with this name exists; rotate its secret instead."),
                     QStringLiteral("integration_exists"));
    q.finish();
    const QString secret = newSecret();
    const qint64 now = m_clock.nowMs();
    q.prepare(QStringLiteral("INSERT INTO integrations (name, secret, secret_version, created_at, rotated_at, "
                             "created_by) VALUES (?, ?, 1, ?, ?, ?)"));
    q.addBindValue(name);
    q.addBindValue(secret);
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(createdBy);
    if (!q.exec())
        return dbError(q, tr("saving the integration"));
    return secret;
}

Result<QString> IntegrationSecrets::rotate(const QString &name)
{
    const QString secret = newSecret();
    QSqlQuery q(m_db.connection());
    // Rotating a revoked integration brings it back with a fresh secret.
    q.prepare(QStringLiteral("UPDATE integrations SET secret = ?, secret_version = secret_version + 1, "
                             "rotated_at = ?, revoked_at = NULL WHERE name = ?"));
    q.addBindValue(secret);
    q.addBindValue(m_clock.nowMs());
    q.addBindValue(name);
    if (!q.exec())
        return dbError(q, tr("rotating the secret"));
    if (q.numRowsAffected() != 1)
        return Error(ErrorCode::NotFound, tr("There is no integration \"%1\".").arg(name.left(64)));
    return secret;
}

Outcome IntegrationSecrets::revoke(const QString &name)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE integrations SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL"));
    q.addBindValue(m_clock.nowMs());
    q.addBindValue(name);
    if (!q.exec())
        return dbError(q, tr("revoking the integration"));
    if (q.numRowsAffected() != 1)
        return Error(ErrorCode::NotFound, tr("There is no active integration \"%1\".").arg(name.left(64)));
    return {};
}

Result<QJsonArray> IntegrationSecrets::list() const
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT name, secret_version, created_at, rotated_at, revoked_at FROM integrations "
                               "ORDER BY name")))
        return dbError(q, tr("listing the integrations"));
    QJsonArray out;
    while (q.next()) {
        QJsonObject o {{QStringLiteral("name"), q.value(0).toString()},
                       {QStringLiteral("secretVersion"), q.value(1).toInt()},
                       {QStringLiteral("createdAt"), iso(q.value(2).toLongLong())},
                       {QStringLiteral("rotatedAt"), iso(q.value(3).toLongLong())},
                       {QStringLiteral("active"), q.value(4).isNull()}};
        if (!q.value(4).isNull())
            o.insert(QStringLiteral("revokedAt"), iso(q.value(4).toLongLong()));
        out.append(o);
    }
    return out;
}

Result<QString> IntegrationSecrets::verify(const QString &name, const QByteArray &timestamp, const QByteArray &signature,
                                   const QByteArray &body) const
{
    if (timestamp.isEmpty() || signature.isEmpty())
        return QString(tr("Sign the delivery: X-Leads-Timestamp and X-Leads-Signature are required."));
    bool ok = false;
    const qint64 seconds = timestamp.toLongLong(&ok);
    if (!ok)
        return QString(tr("X-Leads-Timestamp must be Unix seconds."));
    if (qAbs(m_clock.nowMs() - seconds * 1000) > kMaxSkewMs)
        return QString(tr("The delivery is older than 5 minutes (or its clock is wrong); sign it again."));
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT secret FROM integrations WHERE name = ? AND revoked_at IS NULL"));
    q.addBindValue(name);
    if (!q.exec())
        return dbError(q, tr("looking up the integration"));
    // An unknown integration and a wrong signature answer alike: names are not probed.
    QByteArray expected = q.next() ? sign(q.value(0).toString().toUtf8(), timestamp, body) : QByteArray(64, '?');
    QByteArray given = signature.trimmed();
    if (given.startsWith("sha256="))
        given = given.mid(7);
    if (!sameBytes(expected, given.toLower()))
        return QString(tr("The signature does not match this integration's secret."));
    return QString();
}

} // namespace Leads::Server
