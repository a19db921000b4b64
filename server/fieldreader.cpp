// SPDX-License-Identifier: GPL-3.0-or-later
#include "fieldreader.h"

#include <QCoreApplication>

#include <cmath>

namespace Leads::Server {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("FieldReader", text);
}
} // namespace

FieldReader::FieldReader(const QJsonObject &object, int maxStringLength)
    : m_object(object), m_maxString(maxStringLength)
{
}

bool FieldReader::has(const QString &key) const
{
    return m_object.contains(key) && !m_object.value(key).isNull();
}

void FieldReader::fail(const QString &key, const QString &message)
{
    if (!m_error)
        m_error = Error(ErrorCode::InvalidInput, message, key);
}

const QJsonValue *FieldReader::lookup(const QString &key, Need need, const char *typeName)
{
    m_seen.insert(key);
    if (m_error)
        return nullptr;
    const auto it = m_object.constFind(key);
    if (it == m_object.constEnd() || it->isNull()) {
        if (need == Need::Required)
            fail(key, tr("\"%1\" is required (%2).").arg(key, QLatin1String(typeName)));
        return nullptr;
    }
    m_value = *it;
    return &m_value;
}

std::optional<QString> FieldReader::string(const QString &key, Need need, int maxLength)
{
    const QJsonValue *v = lookup(key, need, "a string");
    if (!v)
        return std::nullopt;
    if (!v->isString()) {
        fail(key, tr("\"%1\" must be a string.").arg(key));
        return std::nullopt;
    }
    const QString s = v->toString();
    const int limit = maxLength > 0 ? std::min(maxLength, m_maxString) : m_maxString;
    if (s.size() > limit) {
        fail(key, tr("\"%1\" is too long (at most %2 characters).").arg(key).arg(limit));
        return std::nullopt;
    }
    if (s.contains(QChar(0))) {
        fail(key, tr("\"%1\" must not contain NUL characters.").arg(key));
        return std::nullopt;
    }
    return s;
}

std::optional<qint64> FieldReader::integer(const QString &key, Need need, qint64 min, qint64 max)
{
    const QJsonValue *v = lookup(key, need, "a whole number");
    if (!v)
        return std::nullopt;
    const double d = v->toDouble(std::nan(""));
    if (!v->isDouble() || std::isnan(d) || d != std::floor(d)) {
        fail(key, tr("\"%1\" must be a whole number.").arg(key));
        return std::nullopt;
    }
    if (d < double(min) || d > double(max)) {
        fail(key, tr("\"%1\" must be between %2 and %3.").arg(key).arg(min).arg(max));
        return std::nullopt;
    }
    return qint64(d);
}

std::optional<bool> FieldReader::boolean(const QString &key, Need need)
{
    const QJsonValue *v = lookup(key, need, "true or false");
    if (!v)
        return std::nullopt;
    if (!v->isBool()) {
        fail(key, tr("\"%1\" must be true or false.").arg(key));
        return std::nullopt;
    }
    return v->toBool();
}

std::optional<QJsonObject> FieldReader::object(const QString &key, Need need)
{
    const QJsonValue *v = lookup(key, need, "an object");
    if (!v)
        return std::nullopt;
    if (!v->isObject()) {
        fail(key, tr("\"%1\" must be an object.").arg(key));
        return std::nullopt;
    }
    return v->toObject();
}

std::optional<QJsonArray> FieldReader::array(const QString &key, Need need)
{
    const QJsonValue *v = lookup(key, need, "a list");
    if (!v)
        return std::nullopt;
    if (!v->isArray()) {
        fail(key, tr("\"%1\" must be a list.").arg(key));
        return std::nullopt;
    }
    return v->toArray();
}

Outcome FieldReader::finish()
{
    if (m_error)
        return *m_error;
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
        if (!m_seen.contains(it.key()))
            return Error(ErrorCode::InvalidInput, tr("Unknown field \"%1\".").arg(it.key().left(100)),
                         it.key().left(100));
    }
    return {};
}

} // namespace Leads::Server
