// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

namespace Leads::Server {

class ServerDatabase;

// Fills an empty server database with the client's deterministic sample workspace (the
// same team, leads and timelines as the desktop's sample data). The sample team cannot
// sign in until an admin sets their passwords.
class SampleImport {
public:
    static Result<qint64> run(ServerDatabase &db, qint64 leads);
};

} // namespace Leads::Server
