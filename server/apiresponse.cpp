// SPDX-License-Identifier: GPL-3.0-or-later
#include "apiresponse.h"

#include <QJsonDocument>

namespace Leads::Server {

ApiResponse ApiResponse::ok(QJsonObject body, int status)
{
    ApiResponse r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

ApiResponse ApiResponse::error(int status, const QString &code, const QString &message,
                               const QJsonObject &extra)
{
    QJsonObject e = extra;
    e.insert(QStringLiteral("code"), code);
    e.insert(QStringLiteral("message"), message);
    ApiResponse r;
    r.status = status;
    r.body = QJsonObject {{QStringLiteral("error"), e}};
    return r;
}

int ApiResponse::statusFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidInput:
    case ErrorCode::ScoreOutOfRange:
    case ErrorCode::LostReasonRequired:
    case ErrorCode::UnknownLostReason:
        return 400;
    case ErrorCode::PermissionDenied:
    case ErrorCode::OutOfScope:
        return 403;
    case ErrorCode::NotFound:
        return 404;
    case ErrorCode::FinalState:
    case ErrorCode::SameStatus:
    case ErrorCode::DuplicateActiveLead:
    case ErrorCode::Conflict:
        return 409;
    case ErrorCode::Storage:
    case ErrorCode::NewerSchema:
    case ErrorCode::NotADatabase:
        return 500;
    }
    return 500;
}

ApiResponse ApiResponse::fromError(const Error &error)
{
    QJsonObject extra;
    // Rules that refuse one particular input name it even when the core leaves it implicit.
    if (error.detail().isEmpty()) {
        if (error.code() == ErrorCode::LostReasonRequired || error.code() == ErrorCode::UnknownLostReason)
            extra.insert(QStringLiteral("field"), QStringLiteral("reason"));
        else if (error.code() == ErrorCode::ScoreOutOfRange)
            extra.insert(QStringLiteral("field"), QStringLiteral("score"));
    } else {
        switch (error.code()) {
        case ErrorCode::InvalidInput:
        case ErrorCode::LostReasonRequired:
        case ErrorCode::UnknownLostReason:
        case ErrorCode::ScoreOutOfRange:
            extra.insert(QStringLiteral("field"), error.detail());
            break;
        case ErrorCode::PermissionDenied:
            extra.insert(QStringLiteral("permission"), error.detail());
            break;
        case ErrorCode::DuplicateActiveLead:
            extra.insert(QStringLiteral("leadId"), error.detail());
            break;
        case ErrorCode::Conflict:
            // A lost compare-and-set names itself (stale_status, stale_assignee).
            return ApiResponse::error(409, error.detail(), error.message());
        default:
            extra.insert(QStringLiteral("detail"), error.detail());
            break;
        }
    }
    return ApiResponse::error(statusFor(error.code()), error.codeId(), error.message(), extra);
}

ApiResponse &ApiResponse::withHeader(const QByteArray &name, const QByteArray &value)
{
    headers.append({name, value});
    return *this;
}

QByteArray ApiResponse::payload() const
{
    if (!rawBody.isNull())
        return rawBody;
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QByteArray ApiResponse::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

QByteArray ApiResponse::rawHttp(bool close) const
{
    const QByteArray data = payload();
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    out += "Content-Type: " + contentType + "\r\nCache-Control: no-store\r\n";
    for (const auto &h : headers)
        out += h.first + ": " + h.second + "\r\n";
    out += "Content-Length: " + QByteArray::number(data.size()) + "\r\n";
    if (close)
        out += "Connection: close\r\n";
    out += "\r\n" + data;
    return out;
}

} // namespace Leads::Server
