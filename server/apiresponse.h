// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

namespace Leads::Server {

// What a handler answers: a status, a JSON object and extra headers. Errors always have
// the shape {"error": {"code", "message", ...}} so clients parse one thing.
struct ApiResponse {
    int status = 200;
    QJsonObject body;
    QList<QPair<QByteArray, QByteArray>> headers;
    // A body already encoded (the CBOR snapshot); when set, `body` is ignored.
    QByteArray rawBody;
    QByteArray contentType = QByteArrayLiteral("application/json");

    static ApiResponse ok(QJsonObject body, int status = 200);
    static ApiResponse error(int status, const QString &code, const QString &message,
                             const QJsonObject &extra = {});
    // A core refusal with the status that fits it (400 input, 403 permission, 404, 409 rule).
    static ApiResponse fromError(const Error &error);
    static int statusFor(ErrorCode code);

    ApiResponse &withHeader(const QByteArray &name, const QByteArray &value);
    QByteArray payload() const;
    static QByteArray reasonPhrase(int status);
    // A complete HTTP/1.1 message for answers written below Qt HttpServer (the guard).
    QByteArray rawHttp(bool close) const;
};

} // namespace Leads::Server
