// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace Leads {

// Why the core refused something. Codes are stable (the server sends them as JSON);
// messages are for people and say what to do.
enum class ErrorCode {
    InvalidInput,
    NotFound,
    FinalState,
    SameStatus,
    LostReasonRequired,
    UnknownLostReason,
    ScoreOutOfRange,
    PermissionDenied,
    OutOfScope,
    DuplicateActiveLead,
    Conflict,
    Storage,
    NewerSchema,
    NotADatabase,
};

QString errorCodeId(ErrorCode code);

class Error
{
public:
    Error(ErrorCode code, QString message, QString detail = {})
        : m_code(code), m_message(std::move(message)), m_detail(std::move(detail))
    {
    }

    ErrorCode code() const { return m_code; }
    QString codeId() const { return errorCodeId(m_code); }
    // A sentence a user can read.
    const QString &message() const { return m_message; }
    // Machine-readable extra (e.g. the id of the existing lead for DuplicateActiveLead).
    const QString &detail() const { return m_detail; }

private:
    ErrorCode m_code;
    QString m_message;
    QString m_detail;
};

// The outcome of a rule or an operation: a value, or the typed refusal.
template<typename T = std::monostate>
class [[nodiscard]] Result
{
public:
    Result() requires std::is_same_v<T, std::monostate> : m_v(std::monostate{}) {}
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_v); }
    explicit operator bool() const { return ok(); }
    const T &value() const { return std::get<T>(m_v); }
    T &value() { return std::get<T>(m_v); }
    const Error &error() const { return std::get<Error>(m_v); }

private:
    std::variant<T, Error> m_v;
};

using Outcome = Result<>;

} // namespace Leads
