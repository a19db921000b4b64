// SPDX-License-Identifier: GPL-3.0-or-later
// The pure pieces under the server: password hashing (known answers), the password
// policy, the sign-in throttle arithmetic and the JSON pre-checks.
#include "auth/passwordhasher.h"
#include "domain/passwordpolicy.h"
#include "fieldreader.h"
#include "jsoninput.h"
#include "loginthrottle.h"
#include "testsupport.h"

using Leads::PasswordHasher;
using Leads::PasswordPolicy;
using Leads::Server::FieldReader;
using Leads::Server::JsonInput;
using Leads::Server::LoginThrottle;

namespace {
QString encoded(int iterations, const QByteArray &salt, const QByteArray &keyHex)
{
    return QStringLiteral("pbkdf2-sha256$%1$%2$%3")
        .arg(iterations)
        .arg(QString::fromLatin1(salt.toBase64()),
             QString::fromLatin1(QByteArray::fromHex(keyHex).toBase64()));
}
} // namespace

TEST_CASE("PBKDF2-HMAC-SHA256 matches the published test vectors", "[server][unit]")
{
    // RFC 7914 section 11 / the widely used SHA-256 vectors for PBKDF2.
    CHECK(PasswordHasher::verify(
        QStringLiteral("password"),
        encoded(1, "salt", "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b")));
    CHECK(PasswordHasher::verify(
        QStringLiteral("password"),
        encoded(4096, "salt", "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a")));
    CHECK_FALSE(PasswordHasher::verify(
        QStringLiteral("Password"),
        encoded(1, "salt", "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b")));
}

TEST_CASE("password hashes are salted, self-describing and refuse tampering", "[server][unit]")
{
    const PasswordHasher hasher(1000);
    const QString a = hasher.hash(QStringLiteral("correct horse"));
    const QString b = hasher.hash(QStringLiteral("correct horse"));
    CHECK(a != b); // a fresh salt each time
    CHECK(a.startsWith(QStringLiteral("pbkdf2-sha256$1000$")));
    CHECK(PasswordHasher::iterationsOf(a) == 1000);
    CHECK(PasswordHasher::verify(QStringLiteral("correct horse"), a));
    CHECK_FALSE(PasswordHasher::verify(QStringLiteral("correct horsf"), a));
    QString tampered = a;
    tampered.replace(QStringLiteral("$1000$"), QStringLiteral("$1001$"));
    CHECK_FALSE(PasswordHasher::verify(QStringLiteral("correct horse"), tampered));
    CHECK_FALSE(PasswordHasher::verify(QStringLiteral("!"), PasswordHasher::unusable()));
    CHECK_FALSE(PasswordHasher::verify(QString(), QString()));
    CHECK(PasswordHasher().iterations() == 600000);
    CHECK(PasswordHasher::constantTimeEquals("abc", "abc"));
    CHECK_FALSE(PasswordHasher::constantTimeEquals("abc", "abd"));
    CHECK_FALSE(PasswordHasher::constantTimeEquals("abc", "abcd"));
}

TEST_CASE("the password policy names the rule that failed", "[server][unit]")
{
    CHECK(PasswordPolicy::check(QStringLiteral("ten chars!")).ok());
    CHECK_FALSE(PasswordPolicy::check(QStringLiteral("nine char")).ok());
    CHECK_FALSE(PasswordPolicy::check(QString(257, u'x')).ok());
    CHECK_FALSE(PasswordPolicy::check(QStringLiteral("Maria.Lopez"), QStringLiteral("maria.lopez")).ok());
    CHECK(PasswordPolicy::check(QStringLiteral("short")).error().detail() == QStringLiteral("password"));
}

TEST_CASE("sign-in throttle: waits double after three failures, ten lock for 15 minutes", "[server][unit]")
{
    const auto policy = LoginThrottle::accountPolicy();
    LoginThrottle::State s;
    qint64 now = 1'000'000;
    s = LoginThrottle::afterFailure(s, now, policy);
    s = LoginThrottle::afterFailure(s, now, policy);
    CHECK(LoginThrottle::waitMs(s, now) == 0);
    s = LoginThrottle::afterFailure(s, now, policy);
    CHECK(LoginThrottle::waitMs(s, now) == 1000);
    s = LoginThrottle::afterFailure(s, now, policy);
    CHECK(LoginThrottle::waitMs(s, now) == 2000);
    for (int i = 0; i < 5; ++i)
        s = LoginThrottle::afterFailure(s, now, policy);
    CHECK(LoginThrottle::waitMs(s, now) == 30000); // capped
    CHECK_FALSE(LoginThrottle::isLocked(s, policy, now));
    s = LoginThrottle::afterFailure(s, now, policy);
    CHECK(s.failures == 10);
    CHECK(LoginThrottle::isLocked(s, policy, now));
    CHECK(LoginThrottle::waitMs(s, now) == 15 * 60 * 1000);
    // A quiet hour forgets the count.
    s = LoginThrottle::afterFailure(s, now + 2 * 3600 * 1000, policy);
    CHECK(s.failures == 1);
}

TEST_CASE("JSON pre-checks: depth ignores brackets in strings, UTF-8 is strict", "[server][unit]")
{
    CHECK(JsonInput::nestingDepth(R"({"a": "[[[[[[[[[[", "b": ["]]]"]})", 32) == 2);
    CHECK(JsonInput::nestingDepth(R"({"a": "\"[[[[", "b": {"c": {}}})", 32) == 3);
    CHECK(JsonInput::nestingDepth(QByteArray(10000, '['), 32) == 33); // stops early
    CHECK(JsonInput::isValidUtf8("plain ascii"));
    CHECK(JsonInput::isValidUtf8("caf\xc3\xa9"));
    CHECK_FALSE(JsonInput::isValidUtf8("caf\xc3"));
    CHECK_FALSE(JsonInput::isValidUtf8("\xed\xa0\x80")); // a lone surrogate
    CHECK_FALSE(JsonInput::isValidUtf8("\xc0\xaf")); // overlong
    CHECK(JsonInput::parseObject("{\"a\": 1}", 32).ok());
    CHECK_FALSE(JsonInput::parseObject("{\"a\": 1", 32).ok());
    CHECK_FALSE(JsonInput::parseObject("[]", 32).ok());
}

TEST_CASE("field reader: first problem wins and unknown fields are refused", "[server][unit]")
{
    const QJsonObject body {{QStringLiteral("name"), QStringLiteral("Ann")},
                            {QStringLiteral("score"), 42},
                            {QStringLiteral("extra"), true}};
    FieldReader in(body, 100);
    CHECK(in.string(QStringLiteral("name"), FieldReader::Need::Required, 10) == QStringLiteral("Ann"));
    CHECK(in.integer(QStringLiteral("score"), FieldReader::Need::Required, 0, 100) == 42);
    CHECK_FALSE(in.string(QStringLiteral("missing"), FieldReader::Need::Optional).has_value());
    const auto done = in.finish();
    REQUIRE_FALSE(done.ok());
    CHECK(done.error().detail() == QStringLiteral("extra"));

    FieldReader typed(body, 100);
    CHECK_FALSE(typed.integer(QStringLiteral("name"), FieldReader::Need::Required, 0, 10).has_value());
    CHECK_FALSE(typed.string(QStringLiteral("score"), FieldReader::Need::Required).has_value());
    CHECK(typed.finish().error().detail() == QStringLiteral("name"));
}
