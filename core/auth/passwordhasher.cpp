// SPDX-License-Identifier: GPL-3.0-or-later
#include "passwordhasher.h"

#include <QCryptographicHash>
#include <QPasswordDigestor>
#include <QRandomGenerator>
#include <QStringList>

namespace Leads {

namespace {
const QString kScheme = QStringLiteral("pbkdf2-sha256");
// Refuse absurd stored counts so a tampered row cannot stall the server for hours.
constexpr int kMaxIterations = 10000000;

QByteArray derive(const QString &password, const QByteArray &salt, int iterations)
{
    return QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, password.toUtf8(), salt, iterations,
                                              PasswordHasher::kKeyBytes);
}
} // namespace

PasswordHasher::PasswordHasher(int iterations) : m_iterations(qBound(1, iterations, kMaxIterations)) { }

QString PasswordHasher::hash(const QString &password) const
{
    QByteArray salt(kSaltBytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(salt.data()),
                                          kSaltBytes / int(sizeof(quint32)));
    const QByteArray key = derive(password, salt, m_iterations);
    return kScheme + u'$' + QString::number(m_iterations) + u'$' + QString::fromLatin1(salt.toBase64()) + u'$'
        + QString::fromLatin1(key.toBase64());
}

int PasswordHasher::iterationsOf(const QString &encoded)
{
    const QStringList parts = encoded.split(u'$');
    if (parts.size() != 4 || parts.at(0) != kScheme)
        return 0;
    bool ok = false;
    const int n = parts.at(1).toInt(&ok);
    return ok && n >= 1 && n <= kMaxIterations ? n : 0;
}

bool PasswordHasher::verify(const QString &password, const QString &encoded)
{
    const int iterations = iterationsOf(encoded);
    if (iterations == 0)
        return false;
    const QStringList parts = encoded.split(u'$');
    const QByteArray salt = QByteArray::fromBase64(parts.at(2).toLatin1());
    const QByteArray expected = QByteArray::fromBase64(parts.at(3).toLatin1());
    if (salt.isEmpty() || expected.size() != kKeyBytes)
        return false;
    return constantTimeEquals(derive(password, salt, iterations), expected);
}

QString PasswordHasher::unusable()
{
    return QStringLiteral("!");
}

bool PasswordHasher::constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

} // namespace Leads
