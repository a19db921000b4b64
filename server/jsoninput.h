// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QJsonObject>
#include <QString>

namespace Leads::Server {

// Request bodies: checked before and after parsing, because Qt's JSON parser accepts much
// more than an API should (1024 levels of nesting, any string length).
class JsonInput {
public:
    // Valid UTF-8, nesting at most `maxDepth`, syntactically valid JSON, an object on top.
    static Result<QJsonObject> parseObject(const QByteArray &body, int maxDepth);
    // How deep arrays and objects nest, ignoring brackets inside strings; stops early
    // once `limit` is passed so a 10,000-deep body costs nothing.
    static int nestingDepth(const QByteArray &body, int limit);
    static bool isValidUtf8(const QByteArray &bytes);
};

} // namespace Leads::Server
