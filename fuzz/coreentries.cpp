// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzzentries.h"

#include "domain/clock.h"
#include "domain/contactidentity.h"
#include "io/csvreader.h"
#include "io/importmapping.h"
#include "io/leadimporter.h"
#include "storage/database.h"
#include "storage/leadfilter.h"
#include "storage/leadquery.h"
#include "storage/sampledata.h"
#include "storage/searchindex.h"
#include "sync/syncstore.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlQuery>

#include <cstdio>
#include <cstdlib>
#include <memory>

using namespace Leads;

namespace LeadsFuzz {

// A broken guarantee is a crash for the fuzzer and a failed test for the regression suite.
[[noreturn]] void violated(const char *what, const QString &detail)
{
    std::fprintf(stderr, "fuzz check failed: %s: %s\n", what, qUtf8Printable(detail));
    std::abort();
}

namespace {
QList<std::function<void()>> &teardowns()
{
    static QList<std::function<void()>> list;
    return list;
}
void runTeardowns()
{
    for (const auto &teardown : std::as_const(teardowns()))
        teardown();
}
} // namespace

void atTeardown(std::function<void()> teardown)
{
    teardowns().append(std::move(teardown));
}

void initialise()
{
    static const bool once = [] {
        // Databases go before Qt's own globals do (the SQL connection registry among them),
        // whether the application object is ours or the test runner's.
        qAddPostRoutine(runTeardowns);
        return true;
    }();
    Q_UNUSED(once);
    if (!QCoreApplication::instance()) {
        // Never destroyed: libFuzzer leaves through exit(), after Qt's globals are gone.
        static int argc = 1;
        static char name[] = "leads-fuzz";
        static char *argv[] = {name, nullptr};
        new QCoreApplication(argc, argv);
        // Millions of refused inputs would otherwise each print a warning.
        QLoggingCategory::setFilterRules(QStringLiteral("*=false"));
    }
}

namespace {

QDateTime fixedNow()
{
    return QDateTime(QDate(2026, 3, 2), QTime(9, 30), Qt::UTC);
}

std::unique_ptr<Database> openMemory()
{
    auto db = Database::openInMemory();
    if (!db)
        violated("in-memory database", db.error().message());
    return std::move(db.value());
}

// One database per target, recreated now and then so that it does not grow without
// bound over millions of runs (which would only make every run slower).
struct Workspace
{
    std::unique_ptr<Database> db;
    int uses = 0;
    bool registered = false;

    Database &get(const std::function<void(Database &)> &prepare)
    {
        if (!registered) {
            registered = true;
            atTeardown([this] { db.reset(); });
        }
        if (!db || ++uses > 2000) {
            db.reset();
            db = openMemory();
            uses = 0;
            prepare(*db);
        }
        return *db;
    }
};

void exec(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql))
        violated("fixture SQL", sql);
}

} // namespace

void csvImport(const QByteArray &data)
{
    initialise();
    // The reader alone, with a small record limit so the limit's error path is reached.
    {
        QBuffer buffer;
        buffer.setData(data);
        buffer.open(QIODevice::ReadOnly);
        CsvReader reader(&buffer, 4096);
        if (reader.detect()) {
            QStringList fields;
            for (int records = 0; records < 100000; ++records) {
                auto more = reader.readRecord(&fields);
                if (!more || !more.value())
                    break;
                for (const QString &f : std::as_const(fields)) {
                    LeadImporter::unwrapExcelText(f);
                    LeadImporter::parseDate(f);
                }
            }
        }
    }
    QBuffer previewFile;
    previewFile.setData(data);
    previewFile.open(QIODevice::ReadOnly);
    auto preview = LeadImporter::preview(&previewFile, 20);
    if (!preview)
        return;

    static Workspace &workspace = *new Workspace; // never destroyed: see atTeardown
    Database &db = workspace.get([](Database &d) {
        exec(d, QStringLiteral("INSERT INTO users (id, username, display_name, role, active, created_at) VALUES "
                               "('u-admin', 'alex', 'Alex Morgan', 'admin', 1, 0), "
                               "('u-sam', 'sam', 'Sam Carter', 'agent', 1, 0)"));
        exec(d, QStringLiteral("INSERT INTO settings (key, value) VALUES ('default_country', 'ES')"));
    });
    static const FixedClock clock(fixedNow());
    LeadImporter::Options options;
    options.mapping = ImportMapping::guess(preview.value().header, preview.value().rows);
    // Alternate between the duplicate policies by a bit of the input, deterministically.
    static constexpr ImportMapping::DuplicatePolicy policies[] = {ImportMapping::DuplicatePolicy::Skip,
                                                                  ImportMapping::DuplicatePolicy::UpdateActive,
                                                                  ImportMapping::DuplicatePolicy::AlwaysCreate};
    options.mapping.duplicates = policies[data.size() % 3];
    options.batchSize = 7; // several batches even for small inputs
    QBuffer file;
    file.setData(data);
    file.open(QIODevice::ReadOnly);
    LeadImporter importer(db, Actor{QStringLiteral("u-admin"), QStringLiteral("Alex Morgan"), Role::Admin}, clock);
    auto report = importer.run(&file, options);
    if (report) {
        const auto &r = report.value();
        if (r.created + r.updated + r.skipped + r.failed > r.rows)
            violated("import report adds up", QString::number(r.rows));
        QBuffer failures;
        failures.open(QIODevice::WriteOnly);
        LeadImporter::writeFailures(r, &failures);
    }
}

void searchQuery(const QByteArray &data)
{
    initialise();
    static Workspace &workspace = *new Workspace; // never destroyed: see atTeardown
    Database &db = workspace.get([](Database &d) {
        SampleData::Options o;
        o.leads = 30;
        o.now = fixedNow();
        if (auto made = SampleData::generate(d, o); !made)
            violated("sample data", made.error().message());
    });
    // The bytes as UTF-8 (what a user types) and, for odd code units, as UTF-16 too.
    QList<QString> texts{QString::fromUtf8(data)};
    if (data.size() >= 2)
        texts << QString::fromUtf16(reinterpret_cast<const char16_t *>(data.constData()), data.size() / 2);
    for (const QString &text : std::as_const(texts)) {
        const QString match = SearchIndex::matchExpression(text);
        if (!match.isEmpty()) {
            QSqlQuery q(db.connection());
            q.prepare(QStringLiteral("SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH ?"));
            q.addBindValue(match);
            if (!q.exec())
                violated("matchExpression gives valid FTS5", match);
        }
        LeadFilter filter;
        filter.search = text;
        const QSqlDriver *driver = db.connection().driver();
        LeadQuery::Context context;
        context.meId = QStringLiteral("u-admin");
        context.now = fixedNow();
        const QString where = LeadQuery::where(filter, driver, context);
        const QString sql = QStringLiteral("SELECT COUNT(*) FROM leads") + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where);
        QSqlQuery q(db.connection());
        if (!q.exec(sql))
            violated("search filter gives valid SQL", sql);
        SearchIndex::phoneTokens(text);
    }
}

void contactIdentity(const QByteArray &data)
{
    initialise();
    const QString text = QString::fromUtf8(data);
    const qsizetype newline = text.indexOf(u'\n');
    const QString country = newline < 0 ? QStringLiteral("ES") : text.left(newline);
    const QString raw = newline < 0 ? text : text.mid(newline + 1);

    ContactIdentity::callingCode(country);
    auto phone = ContactIdentity::normalizePhone(raw, country);
    if (phone && !phone.value().isEmpty()) {
        const QString &e164 = phone.value();
        if (e164.size() < 2 || e164.at(0) != u'+')
            violated("phone is E.164", e164);
        for (qsizetype i = 1; i < e164.size(); ++i)
            if (e164.at(i) < u'0' || e164.at(i) > u'9')
                violated("phone is E.164", e164);
        // A stored number read back in (an export imported again) must not change.
        auto again = ContactIdentity::normalizePhone(e164, country);
        if (!again || again.value() != e164)
            violated("phone normalisation is idempotent", e164);
        SearchIndex::phoneTokens(e164);
    }
    auto email = ContactIdentity::normalizeEmail(raw);
    if (email && !email.value().isEmpty()) {
        auto again = ContactIdentity::normalizeEmail(email.value());
        if (!again || again.value() != email.value())
            violated("e-mail normalisation is idempotent", email.value());
    }
    auto identity = ContactIdentity::make(raw, raw, country);
    if (identity && !identity.value().isEmpty() && !identity.value().matches(identity.value()))
        violated("an identity matches itself", raw);
}

void syncPullPage(const QByteArray &data)
{
    initialise();
    const QJsonDocument doc = QJsonDocument::fromJson(data);
    static Workspace &workspace = *new Workspace; // never destroyed: see atTeardown
    Database &db = workspace.get([](Database &) {});
    SyncStore store(db);
    auto state = store.state();
    if (!state)
        violated("sync state", state.error().message());
    if (!doc.isObject()) {
        // Not JSON: a chunk of the first download in CBOR, as the client reads it.
        auto chunk = SnapshotChunk::fromCbor(data);
        if (!chunk)
            return;
        if (chunk.value().leadCount() < 0 || chunk.value().interactionCount() < 0)
            violated("snapshot rows", QString());
        auto progress = store.snapshotProgress();
        if (!progress)
            violated("snapshot progress", progress.error().message());
        auto applied = store.applySnapshotChunk(progress.value().after, chunk.value());
        if (applied && applied.value() < 0)
            violated("applied count", QString::number(applied.value()));
        return;
    }
    const PullPage page = PullPage::fromJson(doc.object());
    if (page.nextCursor.isEmpty())
        return; // the engine refuses such a page before it reaches the store
    auto applied = store.applyPage(state.value().cursor, page);
    if (applied && applied.value() < 0)
        violated("applied count", QString::number(applied.value()));
}

} // namespace LeadsFuzz
