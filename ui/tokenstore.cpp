// SPDX-License-Identifier: GPL-3.0-or-later
#include "tokenstore.h"

#include <QPointer>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <memory>

namespace Leads {

namespace {
const QString kService = QStringLiteral("Leads");

QString unavailable(const QString &detail)
{
    return TokenStore::tr("No keychain is available on this computer (%1), so Leads cannot remember "
                          "your sign-in: you will be asked to sign in again next time.")
        .arg(detail);
}

// Runs a QtKeychain job with a deadline; `finish` gets the job when it ended, or nullptr
// when the deadline passed first (the job is then left to finish and delete itself).
template<typename Job, typename Finish>
void runJob(TokenStore *owner, Job *job, int timeoutMs, Finish finish)
{
    job->setAutoDelete(true);
    auto done = std::make_shared<bool>(false);
    QObject::connect(job, &QKeychain::Job::finished, owner, [done, finish](QKeychain::Job *j) {
        if (*done)
            return;
        *done = true;
        finish(static_cast<Job *>(j));
    });
    QTimer::singleShot(timeoutMs, owner, [done, finish] {
        if (*done)
            return;
        *done = true;
        finish(nullptr);
    });
    job->start();
}
} // namespace

TokenStore::TokenStore(QObject *parent) : QObject(parent) {}

bool TokenStore::keychainDisabled()
{
    return qEnvironmentVariableIntValue("LEADS_NO_KEYCHAIN") == 1;
}

void TokenStore::save(const QString &account, const QString &refreshToken, Saved done)
{
    if (keychainDisabled()) {
        done(false, unavailable(tr("switched off for this session")));
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(kService);
    job->setKey(account);
    job->setTextData(refreshToken);
    runJob(this, job, m_timeoutMs, [done](QKeychain::WritePasswordJob *j) {
        if (!j)
            done(false, unavailable(tr("the keychain did not answer")));
        else if (j->error() != QKeychain::NoError)
            done(false, unavailable(j->errorString()));
        else
            done(true, QString());
    });
}

void TokenStore::load(const QString &account, Loaded done)
{
    if (keychainDisabled()) {
        done(QString(), unavailable(tr("switched off for this session")));
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(kService);
    job->setKey(account);
    runJob(this, job, m_timeoutMs, [done](QKeychain::ReadPasswordJob *j) {
        if (!j)
            done(QString(), unavailable(tr("the keychain did not answer")));
        else if (j->error() == QKeychain::EntryNotFound)
            done(QString(), tr("No saved sign-in was found."));
        else if (j->error() != QKeychain::NoError)
            done(QString(), unavailable(j->errorString()));
        else
            done(j->textData(), QString());
    });
}

void TokenStore::remove(const QString &account, std::function<void()> done)
{
    if (keychainDisabled()) {
        if (done)
            done();
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(kService);
    job->setKey(account);
    runJob(this, job, m_timeoutMs, [done](QKeychain::DeletePasswordJob *) {
        if (done)
            done();
    });
}

} // namespace Leads
