// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsoninput.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringDecoder>

#include <cmath>

namespace Leads::Server {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("JsonInput", text);
}
} // namespace

bool JsonInput::isValidUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder(bytes);
    Q_UNUSED(decoded);
    return !decoder.hasError();
}

int JsonInput::nestingDepth(const QByteArray &body, int limit)
{
    int depth = 0;
    int deepest = 0;
    bool inString = false;
    bool escaped = false;
    for (char c : body) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '{':
        case '[':
            deepest = std::max(deepest, ++depth);
            if (deepest > limit)
                return deepest;
            break;
        case '}':
        case ']':
            --depth;
            break;
        default:
            break;
        }
    }
    return deepest;
}

Result<QJsonObject> JsonInput::parseObject(const QByteArray &body, int maxDepth)
{
    if (body.trimmed().isEmpty())
        return Error(ErrorCode::InvalidInput, tr("The request needs a JSON object body."),
                     QStringLiteral("body"));
    if (!isValidUtf8(body))
        return Error(ErrorCode::InvalidInput, tr("The body is not valid UTF-8."), QStringLiteral("body"));
    if (nestingDepth(body, maxDepth) > maxDepth)
        return Error(ErrorCode::InvalidInput, tr("The JSON nests deeper than %1 levels.").arg(maxDepth),
                     QStringLiteral("body"));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error(ErrorCode::InvalidInput,
                     tr("The body is not valid JSON (%1 at byte %2).")
                         .arg(parseError.errorString())
                         .arg(parseError.offset),
                     QStringLiteral("body"));
    if (!doc.isObject())
        return Error(ErrorCode::InvalidInput, tr("The body must be a JSON object."), QStringLiteral("body"));
    return doc.object();
}

} // namespace Leads::Server
