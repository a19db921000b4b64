// SPDX-License-Identifier: GPL-3.0-or-later
// For widget tests of the signed-in client against a real leads-server.
#pragma once

#include "testsupport.h" // waitFor

#include <QString>

class QUrl;

namespace Leads {
struct AuthSession;
}

namespace LeadsTest {

class ServerHarness;

// http://127.0.0.1:<port> of a started server.
QUrl serverUrl(const ServerHarness &server);
// Signs in through the client's AuthClient, as the sign-in dialog does, without the dialog.
Leads::AuthSession signInDirectly(const QUrl &url, const QString &user, const QString &password);

} // namespace LeadsTest
