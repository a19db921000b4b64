// SPDX-License-Identifier: GPL-3.0-or-later
#include "result.h"

namespace Leads {

QString errorCodeId(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidInput: return QStringLiteral("invalid_input");
    case ErrorCode::NotFound: return QStringLiteral("not_found");
    case ErrorCode::FinalState: return QStringLiteral("final_state");
    case ErrorCode::SameStatus: return QStringLiteral("same_status");
    case ErrorCode::LostReasonRequired: return QStringLiteral("lost_reason_required");
    case ErrorCode::UnknownLostReason: return QStringLiteral("unknown_lost_reason");
    case ErrorCode::ScoreOutOfRange: return QStringLiteral("score_out_of_range");
    case ErrorCode::PermissionDenied: return QStringLiteral("permission_denied");
    case ErrorCode::OutOfScope: return QStringLiteral("out_of_scope");
    case ErrorCode::DuplicateActiveLead: return QStringLiteral("duplicate_active_lead");
    case ErrorCode::Conflict: return QStringLiteral("conflict");
    case ErrorCode::Storage: return QStringLiteral("storage");
    case ErrorCode::NewerSchema: return QStringLiteral("newer_schema");
    case ErrorCode::NotADatabase: return QStringLiteral("not_a_database");
    }
    return QStringLiteral("unknown");
}

} // namespace Leads
