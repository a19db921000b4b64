// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QString>

#include <optional>

namespace Leads::Server {

// Reads typed fields out of a request object; the first problem names its field, and
// finish() refuses fields the endpoint does not know (a typo must not be ignored).
class FieldReader {
public:
    FieldReader(const QJsonObject &object, int maxStringLength);

    enum class Need { Required, Optional };
    // Absent or null gives nullopt for optional fields. Strings are trimmed only by callers.
    std::optional<QString> string(const QString &key, Need need, int maxLength = -1);
    std::optional<qint64> integer(const QString &key, Need need, qint64 min, qint64 max);
    std::optional<bool> boolean(const QString &key, Need need);
    std::optional<QJsonObject> object(const QString &key, Need need);
    std::optional<QJsonArray> array(const QString &key, Need need);
    bool has(const QString &key) const;
    void fail(const QString &key, const QString &message);

    bool ok() const { return !m_error.has_value(); }
    Outcome finish();

private:
    const QJsonValue *lookup(const QString &key, Need need, const char *typeName);

    QJsonObject m_object;
    int m_maxString;
    QSet<QString> m_seen;
    std::optional<Error> m_error;
    QJsonValue m_value;
};

} // namespace Leads::Server
