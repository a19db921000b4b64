// SPDX-License-Identifier: GPL-3.0-or-later
#include "testsupport.h"

#include "fuzzentries.h"

#include <QDir>
#include <QFile>

#include <cstdio>

#include <functional>

namespace {

// Each file of fuzz/regressions/TARGET and fuzz/corpus/TARGET through the entry point the
// fuzz target uses. A broken guarantee aborts (the entry points check what the fuzzer
// checks), so a regression shows as a crashed test with the file named just before.
int replay(const QString &target, const std::function<void(const QByteArray &)> &entry)
{
    int files = 0;
    for (const QString &kind : {QStringLiteral("regressions"), QStringLiteral("corpus")}) {
        const QDir dir(QStringLiteral(LEADS_FUZZ_DIR "/") + kind + u'/' + target);
        const QStringList names = dir.entryList(QDir::Files, QDir::Name);
        for (const QString &name : names) {
            QFile file(dir.filePath(name));
            REQUIRE(file.open(QIODevice::ReadOnly));
            const QByteArray data = file.readAll();
            INFO(QString(kind + u'/' + target + u'/' + name).toStdString());
            // Printed before the run: an abort() loses Catch's INFO, not stderr.
            std::fprintf(stderr, "replaying %s/%s/%s\n", qPrintable(kind), qPrintable(target), qPrintable(name));
            entry(data);
            ++files;
        }
    }
    return files;
}

} // namespace

TEST_CASE("fuzz inputs: CSV import", "[fuzz]")
{
    CHECK(replay(QStringLiteral("csv_import"), LeadsFuzz::csvImport) > 0);
}

TEST_CASE("fuzz inputs: search text", "[fuzz]")
{
    CHECK(replay(QStringLiteral("search_query"), LeadsFuzz::searchQuery) > 0);
}

TEST_CASE("fuzz inputs: phone and e-mail normalisation", "[fuzz]")
{
    CHECK(replay(QStringLiteral("contact_identity"), LeadsFuzz::contactIdentity) > 0);
}

TEST_CASE("fuzz inputs: sync pull pages", "[fuzz]")
{
    CHECK(replay(QStringLiteral("sync_pull_page"), LeadsFuzz::syncPullPage) > 0);
}

TEST_CASE("fuzz inputs: server request bodies", "[fuzz]")
{
    CHECK(replay(QStringLiteral("server_request"), LeadsFuzz::serverRequest) > 0);
}
