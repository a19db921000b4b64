// SPDX-License-Identifier: GPL-3.0-or-later
#include "test_clientsupport.h"

#include "test_serverharness.h"
#include "testsupport.h"

#include "sync/authclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QTest>
#include <QUrl>

namespace LeadsTest {

QUrl serverUrl(const ServerHarness &server)
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
}

Leads::AuthSession signInDirectly(const QUrl &url, const QString &user, const QString &password)
{
    QNetworkAccessManager nam;
    Leads::AuthClient auth(&nam);
    Leads::AuthSession session;
    bool done = false;
    auth.signIn(url, user, password, [&](const Leads::AuthSession *s, const Leads::AuthFailure *f) {
        if (s)
            session = *s;
        else
            FAIL_CHECK(f->message.toStdString());
        done = true;
    });
    REQUIRE(waitFor([&] { return done; }));
    return session;
}

} // namespace LeadsTest
