// SPDX-License-Identifier: GPL-3.0-or-later
#include "authservice.h"

#include "auth/passwordhasher.h"
#include "domain/passwordpolicy.h"
#include "fieldreader.h"
#include "loginthrottle.h"
#include "serverclock.h"
#include "serverdatabase.h"
#include "writetransaction.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QUuid>

Q_LOGGING_CATEGORY(lcServerAuth, "leads.server.auth")

namespace Leads::Server {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("AuthService", text);
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString randomToken(const char *prefix)
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), 8);
    return QLatin1String(prefix)
        + QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

ApiResponse storage(const Error &e)
{
    return ApiResponse::fromError(e);
}

ApiResponse unauthorized(const QString &code, const QString &message)
{
    return ApiResponse::error(401, code, message).withHeader("WWW-Authenticate", "Bearer");
}

const QRegularExpression &usernamePattern()
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9][a-z0-9._@-]{2,63}$"));
    return re;
}

LoginThrottle::State loadThrottle(QSqlQuery &q, const QString &key)
{
    LoginThrottle::State s;
    q.prepare(QStringLiteral(
        "SELECT failures, last_failure_at, blocked_until FROM login_throttle WHERE throttle_key = ?"));
    q.addBindValue(key);
    if (q.exec() && q.next())
        s = {q.value(0).toInt(), q.value(1).toLongLong(), q.value(2).toLongLong()};
    q.finish();
    return s;
}

bool storeThrottle(QSqlQuery &q, const QString &key, const LoginThrottle::State &s)
{
    q.prepare(
        QStringLiteral("INSERT INTO login_throttle (throttle_key, failures, last_failure_at, blocked_until) "
                       "VALUES (?, ?, ?, ?) ON CONFLICT (throttle_key) DO UPDATE SET "
                       "failures = excluded.failures, last_failure_at = excluded.last_failure_at, "
                       "blocked_until = excluded.blocked_until"));
    q.addBindValue(key);
    q.addBindValue(s.failures);
    q.addBindValue(s.lastFailureMs);
    q.addBindValue(s.blockedUntilMs);
    return q.exec();
}
} // namespace

AuthService::AuthService(ServerDatabase &db, const ServerClock &clock, const Config &config)
    : m_db(db), m_clock(clock), m_config(config)
{
}

QString AuthService::hashToken(const QString &token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QJsonObject AuthService::userJson(const QString &id, const QString &username, const QString &displayName,
                                  Role role, bool active)
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("username"), username},
            {QStringLiteral("displayName"), displayName},
            {QStringLiteral("role"), roleId(role)},
            {QStringLiteral("active"), active}};
}

int AuthService::userCount() const
{
    QSqlQuery q(m_db.connection());
    if (q.exec(QStringLiteral("SELECT COUNT(*) FROM users")) && q.next())
        return q.value(0).toInt();
    return 0;
}

Result<QString> AuthService::insertUser(const QString &username, const QString &displayName, Role role,
                                        const QString &password)
{
    WriteTransaction tx(m_db);
    if (auto begun = tx.begin(); !begun)
        return begun.error();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT 1 FROM users WHERE username = ?"));
    q.addBindValue(username);
    if (!q.exec())
        return dbError(q, tr("checking the user name"));
    if (q.next())
        return Error(ErrorCode::Conflict, tr("The user name \"%1\" is taken.").arg(username),
                     QStringLiteral("username_taken"));
    q.finish();
    const QString id = newId();
    const qint64 now = m_clock.nowMs();
    q.prepare(QStringLiteral("INSERT INTO users (id, username, display_name, role, active, password_hash, "
                             "created_at, updated_at, change_seq) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)"));
    q.addBindValue(id);
    q.addBindValue(username);
    q.addBindValue(displayName);
    q.addBindValue(roleId(role));
    q.addBindValue(PasswordHasher(m_config.pbkdf2Iterations).hash(password));
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(tx.seq());
    if (!q.exec())
        return dbError(q, tr("saving the user"));
    if (auto done = tx.commit(); !done)
        return done.error();
    qCInfo(lcServerAuth).noquote() << "created user" << username << "with role" << roleId(role);
    return id;
}

Outcome AuthService::bootstrapAdmin(const QString &username, const QString &password)
{
    const QString name = username.trimmed().toLower();
    if (!usernamePattern().match(name).hasMatch())
        return Error(ErrorCode::InvalidInput,
                     tr("A user name has 3 to 64 characters: letters, digits, '.', '_', '-', '@'."));
    if (auto policy = PasswordPolicy::check(password, name); !policy)
        return policy;
    auto id = insertUser(name, name, Role::Admin, password);
    if (!id)
        return id.error();
    return {};
}

ApiResponse AuthService::login(const QJsonObject &body, const QString &address)
{
    FieldReader in(body, PasswordPolicy::kMaxLength);
    const auto username = in.string(QStringLiteral("username"), FieldReader::Need::Required, 64);
    const auto password
        = in.string(QStringLiteral("password"), FieldReader::Need::Required, PasswordPolicy::kMaxLength);
    if (auto done = in.finish(); !done)
        return ApiResponse::fromError(done.error());

    const QString name = username->trimmed().toLower();
    const qint64 now = m_clock.nowMs();
    const QString userKey = QStringLiteral("user:") + name;
    const QString addrKey = QStringLiteral("addr:") + address;
    QSqlQuery q(m_db.connection());

    const LoginThrottle::State userState = loadThrottle(q, userKey);
    const LoginThrottle::State addrState = loadThrottle(q, addrKey);
    const qint64 wait
        = std::max(LoginThrottle::waitMs(userState, now), LoginThrottle::waitMs(addrState, now));
    if (wait > 0) {
        const qint64 seconds = (wait + 999) / 1000;
        const bool locked = LoginThrottle::isLocked(userState, LoginThrottle::accountPolicy(), now)
            || LoginThrottle::isLocked(addrState, LoginThrottle::addressPolicy(), now);
        qCInfo(lcServerAuth).noquote() << "sign-in throttled for" << name << "from" << address;
        const QString message = locked
            ? tr("Too many failed sign-ins: sign-in is locked for %1 more minutes.").arg((seconds + 59) / 60)
            : tr("Too many failed sign-ins: wait %1 seconds before trying again.").arg(seconds);
        return ApiResponse::error(
                   429, locked ? QStringLiteral("account_locked") : QStringLiteral("too_many_attempts"),
                   message, {{QStringLiteral("retryAfter"), seconds}})
            .withHeader("Retry-After", QByteArray::number(seconds));
    }

    q.prepare(
        QStringLiteral("SELECT id, display_name, role, active, password_hash FROM users WHERE username = ?"));
    q.addBindValue(name);
    if (!q.exec())
        return storage(dbError(q, tr("signing in")));
    const bool found = q.next();
    const QString userId = found ? q.value(0).toString() : QString();
    const QString displayName = found ? q.value(1).toString() : QString();
    const Role role = found ? roleFromId(q.value(2).toString()).value_or(Role::Agent) : Role::Agent;
    const bool active = found && q.value(3).toInt() != 0;
    const QString storedHash = found ? q.value(4).toString() : QString();
    q.finish();

    // An unknown name costs the same time as a wrong password, so names cannot be probed.
    static QString dummyHash;
    if (!found && PasswordHasher::iterationsOf(dummyHash) != m_config.pbkdf2Iterations)
        dummyHash = PasswordHasher(m_config.pbkdf2Iterations).hash(QStringLiteral("not a password"));
    const bool verified = PasswordHasher::verify(*password, found ? storedHash : dummyHash) && found;

    if (!verified) {
        WriteTransaction tx(m_db, WriteTransaction::Seq::None);
        if (auto begun = tx.begin(); !begun)
            return storage(begun.error());
        const auto u
            = LoginThrottle::afterFailure(loadThrottle(q, userKey), now, LoginThrottle::accountPolicy());
        const auto a
            = LoginThrottle::afterFailure(loadThrottle(q, addrKey), now, LoginThrottle::addressPolicy());
        if (!storeThrottle(q, userKey, u) || !storeThrottle(q, addrKey, a))
            return storage(dbError(q, tr("recording a failed sign-in")));
        if (auto done = tx.commit(); !done)
            return storage(done.error());
        qCInfo(lcServerAuth).noquote()
            << "failed sign-in for" << name << "from" << address << "failures:" << u.failures;
        const int left = std::max(0, LoginThrottle::accountPolicy().lockAfter - u.failures);
        return unauthorized(QStringLiteral("invalid_credentials"),
                            left > 0
                                ? tr("Wrong user name or password.")
                                : tr("Wrong user name or password. Sign-in is now locked for 15 minutes."));
    }
    if (!active)
        return ApiResponse::error(403, QStringLiteral("account_disabled"),
                                  tr("This account is deactivated; ask an admin to reactivate it."));

    WriteTransaction tx(m_db, WriteTransaction::Seq::None);
    if (auto begun = tx.begin(); !begun)
        return storage(begun.error());
    q.prepare(QStringLiteral("DELETE FROM login_throttle WHERE throttle_key = ?"));
    q.addBindValue(userKey);
    if (!q.exec())
        return storage(dbError(q, tr("signing in")));
    // Raise old hashes to the configured cost while the password is at hand.
    if (PasswordHasher::iterationsOf(storedHash) < m_config.pbkdf2Iterations) {
        q.prepare(QStringLiteral("UPDATE users SET password_hash = ? WHERE id = ?"));
        q.addBindValue(PasswordHasher(m_config.pbkdf2Iterations).hash(*password));
        q.addBindValue(userId);
        if (!q.exec())
            return storage(dbError(q, tr("signing in")));
    }
    // Expired tokens are useless; dropping them keeps the table small.
    q.prepare(QStringLiteral("DELETE FROM auth_tokens WHERE expires_at < ?"));
    q.addBindValue(now - 24 * 60 * 60 * 1000);
    if (!q.exec())
        return storage(dbError(q, tr("signing in")));
    const QString sessionId = newId();
    q.prepare(
        QStringLiteral("INSERT INTO sessions (id, user_id, created_at, last_used_at) VALUES (?, ?, ?, ?)"));
    q.addBindValue(sessionId);
    q.addBindValue(userId);
    q.addBindValue(now);
    q.addBindValue(now);
    if (!q.exec())
        return storage(dbError(q, tr("signing in")));
    ApiResponse tokens = issueTokens(sessionId, userId, userJson(userId, name, displayName, role, true));
    if (tokens.status != 200)
        return tokens;
    if (auto done = tx.commit(); !done)
        return storage(done.error());
    qCInfo(lcServerAuth).noquote() << "signed in" << name << "from" << address;
    return tokens;
}

ApiResponse AuthService::issueTokens(const QString &sessionId, const QString &userId, QJsonObject user)
{
    const qint64 now = m_clock.nowMs();
    const QString access = randomToken("la_");
    const QString refresh = randomToken("lr_");
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "INSERT INTO auth_tokens (token_hash, kind, session_id, user_id, issued_at, expires_at) "
        "VALUES (?, ?, ?, ?, ?, ?)"));
    const struct {
        const QString &token;
        const char *kind;
        qint64 ttl;
    } rows[] = {{access, "access", m_config.accessTtlMs}, {refresh, "refresh", m_config.refreshTtlMs}};
    for (const auto &row : rows) {
        q.addBindValue(hashToken(row.token));
        q.addBindValue(QLatin1String(row.kind));
        q.addBindValue(sessionId);
        q.addBindValue(userId);
        q.addBindValue(now);
        q.addBindValue(now + row.ttl);
        if (!q.exec())
            return storage(dbError(q, tr("issuing tokens")));
    }
    return ApiResponse::ok({
        {QStringLiteral("tokenType"), QStringLiteral("Bearer")},
        {QStringLiteral("accessToken"), access},
        {QStringLiteral("accessTokenExpiresAt"), iso(now + m_config.accessTtlMs)},
        {QStringLiteral("expiresIn"), m_config.accessTtlMs / 1000},
        {QStringLiteral("refreshToken"), refresh},
        {QStringLiteral("refreshTokenExpiresAt"), iso(now + m_config.refreshTtlMs)},
        {QStringLiteral("user"), user},
    });
}

ApiResponse AuthService::refresh(const QJsonObject &body)
{
    FieldReader in(body, 200);
    const auto token = in.string(QStringLiteral("refreshToken"), FieldReader::Need::Required, 200);
    if (auto done = in.finish(); !done)
        return ApiResponse::fromError(done.error());
    const qint64 now = m_clock.nowMs();
    const QString digest = hashToken(*token);

    WriteTransaction tx(m_db, WriteTransaction::Seq::None);
    if (auto begun = tx.begin(); !begun)
        return storage(begun.error());
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "SELECT t.session_id, t.user_id, t.expires_at, t.used_at, s.revoked_at, u.active, u.username, "
        "u.display_name, u.role FROM auth_tokens t JOIN sessions s ON s.id = t.session_id "
        "JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND t.kind = 'refresh'"));
    q.addBindValue(digest);
    if (!q.exec())
        return storage(dbError(q, tr("refreshing the session")));
    if (!q.next())
        return unauthorized(QStringLiteral("invalid_token"),
                            tr("The refresh token is not valid; sign in again."));
    const QString sessionId = q.value(0).toString();
    const QString userId = q.value(1).toString();
    const qint64 expiresAt = q.value(2).toLongLong();
    const bool used = !q.value(3).isNull();
    const bool revoked = !q.value(4).isNull();
    const bool active = q.value(5).toInt() != 0;
    const QJsonObject user = userJson(userId, q.value(6).toString(), q.value(7).toString(),
                                      roleFromId(q.value(8).toString()).value_or(Role::Agent), active);
    q.finish();

    const auto reuse = [&]() {
        // A rotated token came back: someone holds a copy. End the whole session so
        // neither the thief nor the owner keeps a valid token from this family.
        if (auto r = revokeSessions(userId, sessionId, QStringLiteral("refresh_reuse")); !r)
            return storage(r.error());
        if (auto done = tx.commit(); !done)
            return storage(done.error());
        qCWarning(lcServerAuth).noquote()
            << "refresh token reuse detected; session revoked for user" << userId;
        return unauthorized(
            QStringLiteral("refresh_reused"),
            tr("This refresh token was already used, so the session was ended for safety. Sign in again."));
    };
    if (used)
        return reuse();
    if (revoked)
        return unauthorized(QStringLiteral("session_revoked"), tr("You were signed out; sign in again."));
    if (expiresAt <= now)
        return unauthorized(QStringLiteral("token_expired"), tr("The session has expired; sign in again."));
    if (!active)
        return unauthorized(QStringLiteral("account_disabled"), tr("This account is deactivated."));
    q.prepare(QStringLiteral("UPDATE auth_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"));
    q.addBindValue(now);
    q.addBindValue(digest);
    if (!q.exec())
        return storage(dbError(q, tr("refreshing the session")));
    if (q.numRowsAffected() != 1)
        return reuse();
    q.prepare(QStringLiteral("UPDATE sessions SET last_used_at = ? WHERE id = ?"));
    q.addBindValue(now);
    q.addBindValue(sessionId);
    if (!q.exec())
        return storage(dbError(q, tr("refreshing the session")));
    ApiResponse tokens = issueTokens(sessionId, userId, user);
    if (tokens.status != 200)
        return tokens;
    if (auto done = tx.commit(); !done)
        return storage(done.error());
    return tokens;
}

Outcome AuthService::revokeSessions(const QString &userId, const QString &sessionId, const QString &reason)
{
    QSqlQuery q(m_db.connection());
    if (sessionId.isEmpty()) {
        q.prepare(QStringLiteral("UPDATE sessions SET revoked_at = ?, revoke_reason = ? "
                                 "WHERE user_id = ? AND revoked_at IS NULL"));
        q.addBindValue(m_clock.nowMs());
        q.addBindValue(reason);
        q.addBindValue(userId);
    } else {
        q.prepare(QStringLiteral("UPDATE sessions SET revoked_at = ?, revoke_reason = ? "
                                 "WHERE id = ? AND revoked_at IS NULL"));
        q.addBindValue(m_clock.nowMs());
        q.addBindValue(reason);
        q.addBindValue(sessionId);
    }
    if (!q.exec())
        return dbError(q, tr("ending sessions"));
    return {};
}

ApiResponse AuthService::logout(const AuthUser &user, bool everywhere)
{
    WriteTransaction tx(m_db, WriteTransaction::Seq::None);
    if (auto begun = tx.begin(); !begun)
        return storage(begun.error());
    if (auto r = revokeSessions(user.id, everywhere ? QString() : user.sessionId,
                                everywhere ? QStringLiteral("logout_everywhere") : QStringLiteral("logout"));
        !r)
        return storage(r.error());
    if (auto done = tx.commit(); !done)
        return storage(done.error());
    qCInfo(lcServerAuth).noquote() << "signed out" << user.username << (everywhere ? "everywhere" : "");
    return ApiResponse::ok({{QStringLiteral("signedOut"),
                             everywhere ? QStringLiteral("everywhere") : QStringLiteral("this_session")}});
}

std::optional<AuthUser> AuthService::authenticate(const QByteArray &authorization, ApiResponse *refusal)
{
    if (authorization.isEmpty()) {
        *refusal = unauthorized(QStringLiteral("missing_token"),
                                tr("Sign in first: the request has no Authorization header."));
        return std::nullopt;
    }
    if (!authorization.startsWith("Bearer ") || authorization.size() > 256) {
        *refusal = unauthorized(QStringLiteral("invalid_token"),
                                tr("Use \"Authorization: Bearer <access token>\"."));
        return std::nullopt;
    }
    const QString token = QString::fromLatin1(authorization.mid(7).trimmed());
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "SELECT t.user_id, t.session_id, t.expires_at, s.revoked_at, u.active, u.username, u.display_name, "
        "u.role "
        "FROM auth_tokens t JOIN sessions s ON s.id = t.session_id JOIN users u ON u.id = t.user_id "
        "WHERE t.token_hash = ? AND t.kind = 'access'"));
    q.addBindValue(hashToken(token));
    if (!q.exec()) {
        *refusal = storage(dbError(q, tr("checking the token")));
        return std::nullopt;
    }
    if (!q.next()) {
        *refusal = unauthorized(QStringLiteral("invalid_token"),
                                tr("The access token is not valid; sign in again."));
        return std::nullopt;
    }
    if (q.value(2).toLongLong() <= m_clock.nowMs()) {
        *refusal = unauthorized(QStringLiteral("token_expired"),
                                tr("The access token has expired; refresh it or sign in again."));
        return std::nullopt;
    }
    if (!q.value(3).isNull()) {
        *refusal = unauthorized(QStringLiteral("session_revoked"), tr("You were signed out; sign in again."));
        return std::nullopt;
    }
    if (q.value(4).toInt() == 0) {
        *refusal = unauthorized(QStringLiteral("account_disabled"), tr("This account is deactivated."));
        return std::nullopt;
    }
    AuthUser user;
    user.id = q.value(0).toString();
    user.sessionId = q.value(1).toString();
    user.username = q.value(5).toString();
    user.displayName = q.value(6).toString();
    user.role = roleFromId(q.value(7).toString()).value_or(Role::Agent);
    return user;
}

ApiResponse AuthService::listUsers()
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(
            QStringLiteral("SELECT id, username, display_name, role, active FROM users ORDER BY username")))
        return storage(dbError(q, tr("listing users")));
    QJsonArray users;
    while (q.next())
        users.append(userJson(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                              roleFromId(q.value(3).toString()).value_or(Role::Agent),
                              q.value(4).toInt() != 0));
    return ApiResponse::ok({{QStringLiteral("users"), users}});
}

ApiResponse AuthService::createUser(const QJsonObject &body)
{
    FieldReader in(body, PasswordPolicy::kMaxLength);
    const auto username = in.string(QStringLiteral("username"), FieldReader::Need::Required, 64);
    const auto displayName = in.string(QStringLiteral("displayName"), FieldReader::Need::Required, 200);
    const auto role = in.string(QStringLiteral("role"), FieldReader::Need::Required, 20);
    const auto password
        = in.string(QStringLiteral("password"), FieldReader::Need::Required, PasswordPolicy::kMaxLength);
    if (auto done = in.finish(); !done)
        return ApiResponse::fromError(done.error());
    const QString name = username->trimmed().toLower();
    if (!usernamePattern().match(name).hasMatch())
        return ApiResponse::fromError(
            Error(ErrorCode::InvalidInput,
                  tr("A user name has 3 to 64 characters: letters, digits, '.', '_', '-', '@'."),
                  QStringLiteral("username")));
    if (displayName->trimmed().isEmpty())
        return ApiResponse::fromError(Error(ErrorCode::InvalidInput, tr("The display name cannot be empty."),
                                            QStringLiteral("displayName")));
    const auto parsedRole = roleFromId(*role);
    if (!parsedRole)
        return ApiResponse::fromError(Error(ErrorCode::InvalidInput,
                                            tr("The role must be agent, manager or admin."),
                                            QStringLiteral("role")));
    if (auto policy = PasswordPolicy::check(*password, name); !policy)
        return ApiResponse::fromError(policy.error());
    auto id = insertUser(name, displayName->trimmed(), *parsedRole, *password);
    if (!id) {
        if (id.error().code() == ErrorCode::Conflict)
            return ApiResponse::error(409, QStringLiteral("username_taken"), id.error().message(),
                                      {{QStringLiteral("field"), QStringLiteral("username")}});
        return ApiResponse::fromError(id.error());
    }
    return ApiResponse::ok(
        {{QStringLiteral("user"), userJson(id.value(), name, displayName->trimmed(), *parsedRole, true)}},
        201);
}

ApiResponse AuthService::updateUser(const AuthUser &caller, const QString &userId, const QJsonObject &body)
{
    FieldReader in(body, PasswordPolicy::kMaxLength);
    const auto displayName = in.string(QStringLiteral("displayName"), FieldReader::Need::Optional, 200);
    const auto role = in.string(QStringLiteral("role"), FieldReader::Need::Optional, 20);
    const auto active = in.boolean(QStringLiteral("active"), FieldReader::Need::Optional);
    const auto password
        = in.string(QStringLiteral("password"), FieldReader::Need::Optional, PasswordPolicy::kMaxLength);
    if (auto done = in.finish(); !done)
        return ApiResponse::fromError(done.error());
    std::optional<Role> newRole;
    if (role) {
        newRole = roleFromId(*role);
        if (!newRole)
            return ApiResponse::fromError(Error(ErrorCode::InvalidInput,
                                                tr("The role must be agent, manager or admin."),
                                                QStringLiteral("role")));
    }
    if (displayName && displayName->trimmed().isEmpty())
        return ApiResponse::fromError(Error(ErrorCode::InvalidInput, tr("The display name cannot be empty."),
                                            QStringLiteral("displayName")));

    WriteTransaction tx(m_db);
    if (auto begun = tx.begin(); !begun)
        return storage(begun.error());
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT username, display_name, role, active FROM users WHERE id = ?"));
    q.addBindValue(userId);
    if (!q.exec())
        return storage(dbError(q, tr("reading the user")));
    if (!q.next())
        return ApiResponse::error(404, QStringLiteral("not_found"), tr("No such user."));
    const QString username = q.value(0).toString();
    QString name = q.value(1).toString();
    Role currentRole = roleFromId(q.value(2).toString()).value_or(Role::Agent);
    bool isActive = q.value(3).toInt() != 0;
    q.finish();
    if (password) {
        if (auto policy = PasswordPolicy::check(*password, username); !policy)
            return ApiResponse::fromError(policy.error());
    }
    const bool demotes = (newRole && *newRole != Role::Admin && currentRole == Role::Admin)
        || (active && !*active && currentRole == Role::Admin);
    if (userId == caller.id && ((active && !*active) || (newRole && *newRole != currentRole)))
        return ApiResponse::error(
            409, QStringLiteral("self_change"),
            tr("You cannot deactivate yourself or change your own role; ask another admin."));
    if (demotes && isActive) {
        if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1"))
            || !q.next())
            return storage(dbError(q, tr("counting admins")));
        if (q.value(0).toInt() <= 1)
            return ApiResponse::error(409, QStringLiteral("last_admin"),
                                      tr("The team needs at least one active admin."));
        q.finish();
    }
    if (displayName)
        name = displayName->trimmed();
    if (newRole)
        currentRole = *newRole;
    const bool deactivating = active && !*active && isActive;
    if (active)
        isActive = *active;
    q.prepare(QStringLiteral(
        "UPDATE users SET display_name = ?, role = ?, active = ?, updated_at = ?, change_seq = ? "
        "WHERE id = ?"));
    q.addBindValue(name);
    q.addBindValue(roleId(currentRole));
    q.addBindValue(isActive ? 1 : 0);
    q.addBindValue(m_clock.nowMs());
    q.addBindValue(tx.seq());
    q.addBindValue(userId);
    if (!q.exec())
        return storage(dbError(q, tr("saving the user")));
    if (password) {
        q.prepare(QStringLiteral("UPDATE users SET password_hash = ? WHERE id = ?"));
        q.addBindValue(PasswordHasher(m_config.pbkdf2Iterations).hash(*password));
        q.addBindValue(userId);
        if (!q.exec())
            return storage(dbError(q, tr("saving the password")));
    }
    // A deactivated user, or one whose password was reset, keeps no session anywhere.
    if (deactivating || password) {
        if (auto r = revokeSessions(
                userId, {}, deactivating ? QStringLiteral("deactivated") : QStringLiteral("password_reset"));
            !r)
            return storage(r.error());
    }
    if (auto done = tx.commit(); !done)
        return storage(done.error());
    qCInfo(lcServerAuth).noquote() << "updated user" << username << "by" << caller.username;
    return ApiResponse::ok(
        {{QStringLiteral("user"), userJson(userId, username, name, currentRole, isActive)}});
}

ApiResponse AuthService::changeOwnPassword(const AuthUser &caller, const QJsonObject &body)
{
    FieldReader in(body, PasswordPolicy::kMaxLength);
    const auto current = in.string(QStringLiteral("currentPassword"), FieldReader::Need::Required,
                                   PasswordPolicy::kMaxLength);
    const auto next
        = in.string(QStringLiteral("newPassword"), FieldReader::Need::Required, PasswordPolicy::kMaxLength);
    if (auto done = in.finish(); !done)
        return ApiResponse::fromError(done.error());
    if (auto policy = PasswordPolicy::check(*next, caller.username); !policy)
        return ApiResponse::fromError(
            Error(ErrorCode::InvalidInput, policy.error().message(), QStringLiteral("newPassword")));

    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT password_hash FROM users WHERE id = ?"));
    q.addBindValue(caller.id);
    if (!q.exec() || !q.next())
        return storage(dbError(q, tr("reading the account")));
    const QString stored = q.value(0).toString();
    q.finish();
    if (!PasswordHasher::verify(*current, stored))
        return ApiResponse::error(403, QStringLiteral("wrong_password"),
                                  tr("The current password is not right."),
                                  {{QStringLiteral("field"), QStringLiteral("currentPassword")}});

    WriteTransaction tx(m_db);
    if (auto begun = tx.begin(); !begun)
        return storage(begun.error());
    q.prepare(
        QStringLiteral("UPDATE users SET password_hash = ?, updated_at = ?, change_seq = ? WHERE id = ?"));
    q.addBindValue(PasswordHasher(m_config.pbkdf2Iterations).hash(*next));
    q.addBindValue(m_clock.nowMs());
    q.addBindValue(tx.seq());
    q.addBindValue(caller.id);
    if (!q.exec())
        return storage(dbError(q, tr("saving the password")));
    q.prepare(QStringLiteral("UPDATE sessions SET revoked_at = ?, revoke_reason = 'password_changed' "
                             "WHERE user_id = ? AND id <> ? AND revoked_at IS NULL"));
    q.addBindValue(m_clock.nowMs());
    q.addBindValue(caller.id);
    q.addBindValue(caller.sessionId);
    if (!q.exec())
        return storage(dbError(q, tr("ending other sessions")));
    if (auto done = tx.commit(); !done)
        return storage(done.error());
    qCInfo(lcServerAuth).noquote() << "password changed by" << caller.username;
    return ApiResponse::ok({{QStringLiteral("changed"), true}});
}

} // namespace Leads::Server
