// SPDX-License-Identifier: GPL-3.0-or-later
#include "testsupport.h"

#include "domain/clock.h"
#include "io/csvreader.h"
#include "io/leadimporter.h"
#include "storage/database.h"
#include "storage/leadservice.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <atomic>
#include <csignal>

using namespace Leads;

namespace {

struct Fixture
{
    std::unique_ptr<Database> db;
    FixedClock clock{LeadsTest::fixedNow()};
    Actor admin{QStringLiteral("u-admin"), QStringLiteral("Alex Morgan"), Role::Admin};

    // In memory, or in a file (where a large import builds its search index on the side).
    explicit Fixture(const QString &path = {})
    {
        if (path.isEmpty()) {
            db = LeadsTest::memoryDatabase();
        } else {
            auto opened = Database::open(path);
            REQUIRE(opened.ok());
            db = std::move(opened.value());
        }
        QSqlQuery q(db->connection());
        REQUIRE(q.exec(QStringLiteral(
            "INSERT INTO users (id, username, display_name, role, active, created_at) VALUES "
            "('u-admin', 'alex', 'Alex Morgan', 'admin', 1, 0), ('u-sam', 'sam', 'Sam Carter', 'agent', 1, 0)")));
        REQUIRE(q.exec(QStringLiteral("INSERT INTO settings (key, value) VALUES ('default_country', 'ES')")));
    }

    Result<LeadImporter::Report> import(const QByteArray &bytes, ImportMapping::DuplicatePolicy policy =
                                                                      ImportMapping::DuplicatePolicy::Skip,
                                        bool dryRun = false, int batch = 5000,
                                        const std::atomic_bool *cancel = nullptr)
    {
        QBuffer preview;
        preview.setData(bytes);
        preview.open(QIODevice::ReadOnly);
        auto p = LeadImporter::preview(&preview, 50);
        if (!p)
            return p.error();
        LeadImporter::Options o;
        o.mapping = ImportMapping::guess(p.value().header, p.value().rows);
        o.mapping.duplicates = policy;
        o.dryRun = dryRun;
        o.batchSize = batch;
        return importWith(bytes, o, cancel);
    }

    Result<LeadImporter::Report> importWith(const QByteArray &bytes, const LeadImporter::Options &o,
                                            const std::atomic_bool *cancel = nullptr)
    {
        QBuffer file;
        file.setData(bytes);
        file.open(QIODevice::ReadOnly);
        LeadImporter importer(*db, admin, clock);
        return importer.run(&file, o, {}, cancel);
    }

    QVariant scalar(const QString &sql)
    {
        QSqlQuery q(db->connection());
        if (!q.exec(sql) || !q.next())
            FAIL("query failed: " << sql.toStdString());
        return q.value(0);
    }
    qint64 leads() { return scalar(QStringLiteral("SELECT COUNT(*) FROM leads")).toLongLong(); }
};

QStringList readAll(const QByteArray &bytes, CsvReader::Format *format = nullptr)
{
    QBuffer b;
    b.setData(bytes);
    b.open(QIODevice::ReadOnly);
    CsvReader r(&b);
    auto f = r.detect();
    REQUIRE(f.ok());
    if (format)
        *format = f.value();
    QStringList records;
    QStringList fields;
    for (;;) {
        auto next = r.readRecord(&fields);
        REQUIRE(next.ok());
        if (!next.value())
            break;
        records.append(fields.join(u'|'));
    }
    return records;
}

} // namespace

TEST_CASE("CSV: encodings, delimiters, quotes and embedded newlines", "[import][csv]")
{
    CsvReader::Format f;
    CHECK(readAll("a,b\n1,2\n", &f) == QStringList{QStringLiteral("a|b"), QStringLiteral("1|2")});
    CHECK(f.encoding == CsvReader::Encoding::Utf8);
    CHECK(f.delimiter == u',');

    CHECK(readAll("name;company\r\nAna;Lumen\r\nTom;\"Beck; AG\"\r\n", &f)
          == QStringList{QStringLiteral("name|company"), QStringLiteral("Ana|Lumen"), QStringLiteral("Tom|Beck; AG")});
    CHECK(f.delimiter == u';');
    CHECK(readAll("a\tb\tc\n1\t2\t3\n", &f).size() == 2);
    CHECK(f.delimiter == u'\t');

    const QStringList quoted = readAll("name,notes\n\"Ana \"\"La Jefa\"\" Ruiz\",\"line one\nline two, still\"\nTom,x\n");
    REQUIRE(quoted.size() == 3);
    CHECK(quoted.at(1) == QStringLiteral("Ana \"La Jefa\" Ruiz|line one\nline two, still"));

    CHECK(readAll("\xEF\xBB\xBFname\nZo\xC3\xAB\n", &f).at(1) == QStringLiteral("Zoë"));
    CHECK(f.encoding == CsvReader::Encoding::Utf8Bom);

    const QString utf16Text = QStringLiteral("name,city\nZoë,Málaga\n");
    QByteArray utf16("\xFF\xFE", 2);
    utf16.append(reinterpret_cast<const char *>(utf16Text.utf16()), utf16Text.size() * 2);
    CHECK(readAll(utf16, &f).at(1) == QStringLiteral("Zoë|Málaga"));
    CHECK(f.encoding == CsvReader::Encoding::Utf16LE);

    CHECK(readAll("name,price\nJos\xE9,\x80 5\n", &f).at(1) == QStringLiteral("José|€ 5"));
    CHECK(f.encoding == CsvReader::Encoding::Windows1252);
}

TEST_CASE("CSV: an empty file, an unclosed quote and a 10 MB line give clear errors", "[import][csv][badinput]")
{
    QBuffer empty;
    empty.open(QIODevice::ReadOnly);
    CsvReader r(&empty);
    auto f = r.detect();
    REQUIRE_FALSE(f.ok());
    CHECK(f.error().message().contains(QStringLiteral("empty")));

    Fixture fx;
    auto unclosed = fx.import("name,phone\nAna,612345678\n\"Tom,612000000\n");
    REQUIRE_FALSE(unclosed.ok());
    CHECK(unclosed.error().message().contains(QStringLiteral("never closed")));

    QByteArray huge = "name,phone\nAna,612345678\n";
    huge.append(QByteArray(10 * 1024 * 1024, 'x'));
    huge.append(",612000001\n");
    auto big = fx.import(huge);
    REQUIRE_FALSE(big.ok());
    CHECK(big.error().message().contains(QStringLiteral("longer than")));
}

TEST_CASE("import: mapping guessed from headers, leads created with timeline and outbox", "[import]")
{
    Fixture f;
    auto r = f.import("Nombre,Teléfono,Email,Empresa,Estado,Score,Owner,Created,Notes,Industry\n"
                      "Ana Ruiz,612 34 56 78,ANA@lumen.example,Lumen,Qualified,72,sam,2024-03-01,Met at fair,Retail\n"
                      "Tom Becker,+49 151 1234 5678,,Beck AG,1,,,31/03/2024,,Retail\n");
    REQUIRE(r.ok());
    CHECK(r.value().created == 2);
    CHECK(r.value().failed == 0);
    QSqlQuery q(f.db->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT name, phone, email, company, status, manual_score, assignee_id, "
                                  "created_at, source FROM leads ORDER BY name")));
    REQUIRE(q.next());
    CHECK(q.value(0).toString() == QStringLiteral("Ana Ruiz"));
    CHECK(q.value(1).toString() == QStringLiteral("+34612345678"));
    CHECK(q.value(2).toString() == QStringLiteral("ana@lumen.example"));
    CHECK(q.value(4).toString() == QStringLiteral("qualified"));
    CHECK(q.value(5).toInt() == 72);
    CHECK(q.value(6).toString() == QStringLiteral("u-sam"));
    CHECK(q.value(7).toLongLong() == QDateTime(QDate(2024, 3, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch());
    CHECK(q.value(8).toString() == QStringLiteral("import"));
    REQUIRE(q.next());
    CHECK(q.value(4).toString() == QStringLiteral("converted")); // "1" maps to Converted
    CHECK(q.value(7).toLongLong() == QDateTime(QDate(2024, 3, 31), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch());
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'lead.create'")).toInt() == 2);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM lead_attributes WHERE key = 'Industry' AND type = 'category'")).toInt() == 2);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH '\"fair\"*'")).toInt() == 1);
}

TEST_CASE("import: bad rows fail one by one with a reason, good rows still land", "[import][badinput]")
{
    Fixture f;
    const QByteArray csv =
        "name,phone,email,status,score,created,notes\n"
        "Good One,612000001,,,,,\n"
        "No Contact,,,,,,\n"
        "Bad Phone,12ab,,,,,\n"
        "Bad Status,612000002,,Maybe,,,\n"
        "Bad Score,612000003,,,150,,\n"
        "Bad Date,612000004,,,,31/31/2024,\n"
        "Too Many,612000005,,,,,,extra,more\n"
        "Short Row,612000006\n"
        "Formula,612000008,,,,,\"=cmd|' /C calc'!A0\"\n"
        "Excel Zero,=\"0612000009\",,,,,\n";
    auto r = f.import(csv);
    REQUIRE(r.ok());
    const auto &rep = r.value();
    CHECK(rep.rows == 10);
    CHECK(rep.created == 4); // Good One, Short Row, Formula, Excel Zero
    CHECK(rep.failed == 6);
    QStringList reasons;
    for (const auto &failure : rep.failures)
        reasons.append(QString::number(failure.line) + QStringLiteral(": ") + failure.reason);
    INFO(reasons.join(u'\n').toStdString());
    CHECK(reasons.filter(QStringLiteral("phone number or an e-mail")).size() == 1);
    CHECK(reasons.filter(QStringLiteral("not a phone number")).size() == 1);
    CHECK(reasons.filter(QStringLiteral("Unknown status \"Maybe\"")).size() == 1);
    CHECK(reasons.filter(QStringLiteral("between 0 and 100")).size() == 1);
    CHECK(reasons.filter(QStringLiteral("Cannot read the date")).size() == 1);
    CHECK(reasons.filter(QStringLiteral("has 9 values")).size() == 1);
    CHECK(rep.failures.first().line == 3);
    // Formula-looking text is kept verbatim as text; Excel's ="0…" wrapper is removed.
    CHECK(f.scalar(QStringLiteral("SELECT notes FROM leads WHERE name = 'Formula'")).toString()
          == QStringLiteral("=cmd|' /C calc'!A0"));
    CHECK(f.scalar(QStringLiteral("SELECT phone FROM leads WHERE name = 'Excel Zero'")).toString()
          == QStringLiteral("+34612000009"));

    // The failed rows come back as a CSV with a reason, fixable and importable again.
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    REQUIRE(LeadImporter::writeFailures(rep, &out));
    QByteArray fixed = out.data();
    fixed.replace("150", "95");
    auto again = f.import(fixed);
    REQUIRE(again.ok());
    CHECK(again.value().created == 1); // the score row, now 95
    CHECK(f.scalar(QStringLiteral("SELECT manual_score FROM leads WHERE name = 'Bad Score'")).toInt() == 95);
}

TEST_CASE("import: invalid UTF-8 fails its row; a file that is not UTF-8 at all reads as Windows-1252",
          "[import][badinput]")
{
    Fixture f;
    QByteArray csv = "name,phone\n";
    for (int i = 0; csv.size() < 80 * 1024; ++i)
        csv += "Zoë " + QByteArray::number(i) + ",6" + QByteArray::number(10000000 + i) + "\n";
    const qint64 good = csv.count('\n') - 1;
    csv += "Broken \xC3\x28 Text,699000001\n";
    auto r = f.import(csv);
    REQUIRE(r.ok());
    CHECK(r.value().created == good);
    REQUIRE(r.value().failed == 1);
    CHECK(r.value().failures.first().reason.contains(QStringLiteral("could not be read")));

    Fixture g;
    auto latin = g.import("name,phone\nJos\xE9 Mu\xF1oz,612000001\n");
    REQUIRE(latin.ok());
    CHECK(latin.value().encoding == QStringLiteral("Windows-1252"));
    CHECK(g.scalar(QStringLiteral("SELECT name FROM leads")).toString() == QStringLiteral("José Muñoz"));
}

TEST_CASE("import: header only, duplicate headers and 200 columns", "[import][badinput]")
{
    Fixture f;
    auto header = f.import("name,phone\n");
    REQUIRE(header.ok());
    CHECK(header.value().rows == 0);
    CHECK(f.leads() == 0);

    auto dupHeaders = f.import("name,phone,Tag,Tag\nAna,612000001,vip,north\n");
    REQUIRE(dupHeaders.ok());
    CHECK(f.scalar(QStringLiteral("SELECT group_concat(key || '=' || value, ';') FROM "
                                  "(SELECT key, value FROM lead_attributes ORDER BY key)")).toString()
          == QStringLiteral("Tag=vip;Tag (2)=north"));

    QByteArray wide = "name,phone";
    QByteArray row = "Wide,612000099";
    for (int i = 0; i < 198; ++i) {
        wide += ",attr" + QByteArray::number(i);
        row += "," + QByteArray::number(i * 3);
    }
    auto r = f.import(wide + "\n" + row + "\n");
    REQUIRE(r.ok());
    CHECK(r.value().created == 1);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM lead_attributes a JOIN leads l ON l.id = a.lead_id "
                                  "WHERE l.name = 'Wide'")).toInt() == 198);
}

TEST_CASE("import: dates and phone numbers in many formats", "[import]")
{
    const QDateTime d(QDate(2024, 3, 31), QTime(0, 0), Qt::UTC);
    for (const char *text : {"2024-03-31", "31/03/2024", "03/31/2024", "31.03.2024", "2024/03/31", "31-03-24",
                             "2024-03-31T00:00:00Z", "45382"}) {
        INFO(text);
        CHECK(LeadImporter::parseDate(QString::fromLatin1(text)) == d);
    }
    CHECK(LeadImporter::parseDate(QStringLiteral("2024-03-31 14:05")) == d.addSecs(14 * 3600 + 300));
    CHECK_FALSE(LeadImporter::parseDate(QStringLiteral("yesterday")).isValid());
    CHECK_FALSE(LeadImporter::parseDate(QStringLiteral("32/13/2024")).isValid());

    Fixture f;
    auto r = f.import("name,phone\nA,612 345 678\nB,+34 612-345-679\nC,0034612345680\nD,(612) 345 681\n");
    REQUIRE(r.ok());
    CHECK(r.value().created == 4);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM leads WHERE phone LIKE '+3461234568_' OR phone LIKE '+3461234567_'")).toInt() == 4);
}

TEST_CASE("import: duplicate policies keep one active lead per contact", "[import][dedup]")
{
    Fixture f;
    LeadService service(*f.db, f.admin, f.clock);
    NewLead n;
    n.name = QStringLiteral("Ana Ruiz");
    n.phone = QStringLiteral("612345678");
    const QString existing = service.createLead(n).value();
    const QByteArray csv = "name,phone,company,notes,score\n"
                           "Ana R.,+34 612 345 678,Lumen,From the fair,80\n"
                           "New Person,612000111,Acme,,\n"
                           "New Person again,612 000 111,Acme,,\n";

    auto skip = f.import(csv, ImportMapping::DuplicatePolicy::Skip);
    REQUIRE(skip.ok());
    CHECK(skip.value().created == 1);
    CHECK(skip.value().skipped == 2); // the existing contact and the file's own repeat
    CHECK(f.leads() == 2);

    auto update = f.import(csv, ImportMapping::DuplicatePolicy::UpdateActive);
    REQUIRE(update.ok());
    CHECK(update.value().updated == 3);
    CHECK(update.value().created == 0);
    auto lead = service.lead(existing).value();
    CHECK(lead.name == QStringLiteral("Ana R."));
    CHECK(lead.company == QStringLiteral("Lumen"));
    CHECK(lead.qualification.manualScore == 80);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM interactions WHERE lead_id = '%1' AND kind = 'note'").arg(existing)).toInt() == 1);

    auto create = f.import("name,phone,status\nAna old deal,612345678,Converted\nAna twice,612345678,New\n",
                           ImportMapping::DuplicatePolicy::AlwaysCreate);
    REQUIRE(create.ok());
    CHECK(create.value().created == 1); // the closed one is history; a second active lead is refused
    CHECK(create.value().failed == 1);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(DISTINCT contact_id) FROM leads WHERE phone = '+34612345678'")).toInt() == 1);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM leads WHERE phone = '+34612345678' AND is_final = 0")).toInt() == 1);
}

TEST_CASE("import: a dry run counts without writing", "[import]")
{
    Fixture f;
    auto r = f.import("name,phone\nA,612000001\nB,612000002\nB again,612000002\nC,bad\n",
                      ImportMapping::DuplicatePolicy::Skip, true);
    REQUIRE(r.ok());
    CHECK(r.value().dryRun);
    CHECK(r.value().created == 2);
    CHECK(r.value().skipped == 1);
    CHECK(r.value().failed == 1);
    CHECK(f.leads() == 0);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM outbox")).toInt() == 0);
}

TEST_CASE("import: cancel keeps whole committed batches only", "[import]")
{
    Fixture f;
    QByteArray csv = "name,phone\n";
    for (int i = 0; i < 250; ++i)
        csv += "Person " + QByteArray::number(i) + ",6120" + QByteArray::number(10000 + i) + "\n";
    std::atomic_bool cancel = false;
    LeadImporter::Options o;
    o.mapping = ImportMapping::guess({QStringLiteral("name"), QStringLiteral("phone")});
    o.batchSize = 100;
    QBuffer file;
    file.setData(csv);
    file.open(QIODevice::ReadOnly);
    LeadImporter importer(*f.db, f.admin, f.clock);
    auto r = importer.run(&file, o, [&](qint64, qint64, qint64 rows) {
        if (rows >= 200)
            cancel = true;
    }, &cancel);
    REQUIRE(r.ok());
    CHECK(r.value().cancelled);
    CHECK(f.leads() == 200);
    CHECK(r.value().created == 200);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM interactions")).toInt() == 200);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM outbox")).toInt() == 200);
}

TEST_CASE("import: agents may not import", "[import][permissions]")
{
    Fixture f;
    f.admin = Actor{QStringLiteral("u-sam"), QStringLiteral("Sam Carter"), Role::Agent};
    auto r = f.import("name,phone\nA,612000001\n");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code() == ErrorCode::PermissionDenied);
    CHECK(f.leads() == 0);
}

TEST_CASE("import: mapping JSON round trip and errors", "[import]")
{
    const QStringList header = {QStringLiteral("Name"), QStringLiteral("Phone"), QStringLiteral("Plan")};
    ImportMapping m = ImportMapping::guess(header);
    m.duplicates = ImportMapping::DuplicatePolicy::UpdateActive;
    auto back = ImportMapping::fromJson(m.toJson(header), header);
    REQUIRE(back.ok());
    CHECK(back.value().columns.at(0).field == ImportMapping::Field::Name);
    CHECK(back.value().columns.at(2).field == ImportMapping::Field::Attribute);
    CHECK(back.value().columns.at(2).attributeKey == QStringLiteral("Plan"));
    CHECK(back.value().duplicates == ImportMapping::DuplicatePolicy::UpdateActive);
    CHECK(back.value().statusValues.value(QStringLiteral("1")) == LeadStatus::Converted);

    auto bad = ImportMapping::fromJson(QJsonDocument::fromJson(R"({"columns":[{"column":"Nope","field":"name"}]})").object(), header);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message().contains(QStringLiteral("Nope")));
    auto badField = ImportMapping::fromJson(QJsonDocument::fromJson(R"({"columns":[{"column":"Name","field":"age"}]})").object(), header);
    CHECK_FALSE(badField.ok());
}

TEST_CASE("import: a large file loads in bulk mode and leaves indexes and search complete", "[import]")
{
    Fixture f;
    QByteArray csv = "name,phone,notes\n";
    for (int i = 0; i < 6000; ++i)
        csv += "Person " + QByteArray::number(i) + ",6" + QByteArray::number(20000000 + i) + ",note " +
               QByteArray::number(i) + " about pricing " + QByteArray(80, 'x') + "\n";
    REQUIRE(csv.size() / 100 >= 5000); // enough rows, by the importer's estimate, for bulk mode
    auto r = f.import(csv);
    REQUIRE(r.ok());
    CHECK(r.value().created == 6000);
    // Bulk mode suspended the search index and dropped the secondary indexes: both are back.
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH '\"pricing\"*'")).toInt() == 6000);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM settings WHERE key = 'search_index_stale'")).toInt() == 0);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'leads_activity'")).toInt() == 1);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'leads_fts_%'")).toInt() == 3);
    CHECK(f.scalar(QStringLiteral("PRAGMA foreign_keys")).toInt() == 1);
    // A later single insert is indexed by the restored triggers.
    LeadService service(*f.db, f.admin, f.clock);
    NewLead n;
    n.name = QStringLiteral("Zebulon Late");
    n.phone = QStringLiteral("699999999");
    REQUIRE(service.createLead(n).ok());
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH '\"zebulon\"*'")).toInt() == 1);
}

namespace {
// Enough rows, by the importer's estimate of 100 bytes a row, for bulk mode.
QByteArray bulkCsv(int rows, int repeatEvery = 0)
{
    QByteArray csv = "name,phone,notes\n";
    for (int i = 0; i < rows; ++i) {
        const int person = repeatEvery > 0 && i % repeatEvery == repeatEvery - 1 ? i - 1 : i;
        csv += "Person " + QByteArray::number(i) + ",6" + QByteArray::number(20000000 + person) + ",note "
               + QByteArray::number(i) + " about pricing " + QByteArray(80, 'x') + "\n";
    }
    return csv;
}
} // namespace

TEST_CASE("import: into an empty database file the search index is built alongside and matches the rows",
          "[import][bulk]")
{
    QTemporaryDir dir;
    Fixture f(dir.filePath(QStringLiteral("leads.sqlite")));
    auto r = f.import(bulkCsv(6000, 10)); // every tenth row repeats the contact before it
    REQUIRE(r.ok());
    CHECK(r.value().created == 5400);
    CHECK(r.value().skipped == 600);
    CHECK(f.leads() == 5400);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH '\"pricing\"*'")).toInt() == 5400);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH '\"person\" \"5998\"'")).toInt() == 1);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH '\"person\" \"5999\"'")).toInt() == 0);
    // The index describes each lead under its own row: a search finds the right lead.
    CHECK(f.scalar(QStringLiteral("SELECT name FROM leads WHERE lead_no IN (SELECT rowid FROM leads_fts "
                                  "WHERE leads_fts MATCH '\"person\" \"4321\"')")).toString()
          == QStringLiteral("Person 4321"));
    CHECK(f.scalar(QStringLiteral("PRAGMA integrity_check")).toString() == QStringLiteral("ok"));
    {
        // FTS5 compares the whole index with the leads table.
        QSqlQuery q(f.db->connection());
        CHECK(q.exec(QStringLiteral("INSERT INTO leads_fts (leads_fts, rank) VALUES ('integrity-check', 1)")));
    }
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM settings WHERE key = 'search_index_stale'")).toInt() == 0);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'leads_fts_%'")).toInt() == 3);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'leads_name'")).toInt() == 1);
    CHECK_FALSE(QFile::exists(dir.filePath(QStringLiteral("leads.sqlite-search-build"))));
    // The restored triggers index what comes after.
    LeadService service(*f.db, f.admin, f.clock);
    NewLead n;
    n.name = QStringLiteral("Zebulon Late");
    n.phone = QStringLiteral("699999999");
    REQUIRE(service.createLead(n).ok());
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH '\"zebulon\"*'")).toInt() == 1);
}

TEST_CASE("import: a file that updates the leads it created keeps the search index right", "[import][bulk][dedup]")
{
    QTemporaryDir dir;
    Fixture f(dir.filePath(QStringLiteral("leads.sqlite")));
    auto r = f.import(bulkCsv(6000, 10), ImportMapping::DuplicatePolicy::UpdateActive);
    REQUIRE(r.ok());
    CHECK(r.value().created == 5400);
    CHECK(r.value().updated == 600);
    // Row 9 updated the lead of row 8: the search finds it by its new name, not the old one.
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH 'name : \"9\"'")).toInt() == 1);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH 'name : \"8\"'")).toInt() == 0);
    // … and by both notes, appended.
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH 'notes : \"8\" AND notes : \"9\"'")).toInt() == 1);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM leads WHERE is_final = 0 GROUP BY contact_id ORDER BY 1 DESC LIMIT 1")).toInt() == 1);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM settings WHERE key = 'search_index_stale'")).toInt() == 0);
}

TEST_CASE("import: cancelling a bulk import keeps whole batches, searchable, and nothing of the batch in progress",
          "[import][bulk]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("leads.sqlite"));
    Fixture f(path);
    std::atomic_bool cancel = false;
    LeadImporter::Options o;
    o.mapping = ImportMapping::guess({QStringLiteral("name"), QStringLiteral("phone"), QStringLiteral("notes")});
    o.batchSize = 1000;
    QBuffer file;
    file.setData(bulkCsv(6000));
    file.open(QIODevice::ReadOnly);
    LeadImporter importer(*f.db, f.admin, f.clock);
    qint64 lastBytes = 0;
    bool bytesGrow = true;
    auto r = importer.run(&file, o, [&](qint64 bytes, qint64 total, qint64 rows) {
        bytesGrow = bytesGrow && bytes >= lastBytes && bytes <= total;
        lastBytes = bytes;
        if (rows >= 3000)
            cancel = true;
    }, &cancel);
    REQUIRE(r.ok());
    CHECK(bytesGrow);
    CHECK(r.value().cancelled);
    CHECK(r.value().created == 3000);
    CHECK(f.leads() == 3000);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM interactions")).toInt() == 6000); // created + note
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM outbox")).toInt() == 3000);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH '\"pricing\"*'")).toInt() == 3000);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH '\"person\" \"3000\"'")).toInt() == 0);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM settings WHERE key = 'search_index_stale'")).toInt() == 0);
    // Reopened, the file is whole.
    f.db.reset();
    auto reopened = Database::open(path);
    REQUIRE(reopened.ok());
    QSqlQuery q(reopened.value()->connection());
    REQUIRE(q.exec(QStringLiteral("PRAGMA integrity_check")));
    REQUIRE(q.next());
    CHECK(q.value(0).toString() == QStringLiteral("ok"));
}

TEST_CASE("import: a bad record in the middle of a bulk import keeps the batches before it", "[import][bulk][badinput]")
{
    QTemporaryDir dir;
    Fixture f(dir.filePath(QStringLiteral("leads.sqlite")));
    QByteArray csv = bulkCsv(6000);
    csv += "\"Never closed,612000000,x\n";
    auto r = f.import(csv, ImportMapping::DuplicatePolicy::Skip, false, 1000);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message().contains(QStringLiteral("never closed")));
    CHECK(r.error().message().contains(QStringLiteral("6002")));
    CHECK(f.leads() == 6000); // six whole batches committed
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH '\"pricing\"*'")).toInt() == 6000);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM settings WHERE key = 'search_index_stale'")).toInt() == 0);
}

TEST_CASE("leadsctl import killed in the middle leaves whole leads and a complete, searchable database",
          "[import][bulk][crash]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("killed.sqlite"));
    const QString csvPath = dir.filePath(QStringLiteral("big.csv"));
    {
        QFile csv(csvPath);
        REQUIRE(csv.open(QIODevice::WriteOnly));
        csv.write(bulkCsv(100000));
    }
    QProcess ctl;
    ctl.setProgram(QStringLiteral(LEADSCTL_PATH));
    ctl.setArguments({QStringLiteral("import"), csvPath, QStringLiteral("--db"), path});
    ctl.setProcessChannelMode(QProcess::MergedChannels);
    ctl.start();
    REQUIRE(ctl.waitForStarted());
    // Progress is printed after each committed batch: wait for two, then kill -9 mid-write.
    QElapsedTimer t;
    t.start();
    QByteArray output;
    while (t.elapsed() < 60'000 && !output.contains(" 10000 rows") && ctl.state() == QProcess::Running) {
        ctl.waitForReadyRead(100);
        output += ctl.readAll();
    }
    REQUIRE(output.contains(" 10000 rows"));
    QThread::msleep(200);
    ::kill(static_cast<pid_t>(ctl.processId()), SIGKILL);
    REQUIRE(ctl.waitForFinished(10'000));
    CHECK(ctl.exitStatus() == QProcess::CrashExit);

    // The next open repairs what the bulk load had suspended.
    Fixture f(path);
    CHECK(f.scalar(QStringLiteral("PRAGMA integrity_check")).toString() == QStringLiteral("ok"));
    const qint64 leads = f.leads();
    CHECK(leads >= 10000);
    CHECK(leads < 100000);
    CHECK(leads % 5000 == 0); // whole batches
    // Whole leads: each with its contact, timeline and outbox entry.
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM contacts")).toLongLong() == leads);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM interactions WHERE kind = 'created'")).toLongLong() == leads);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM interactions WHERE kind = 'note'")).toLongLong() == leads);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM outbox")).toLongLong() == leads);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM settings WHERE key = 'search_index_stale'")).toInt() == 0);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH '\"pricing\"*'")).toLongLong() == leads);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'leads_name'")).toInt() == 1);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'leads_fts_%'")).toInt() == 3);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'interactions_status_changed'")).toInt() == 1);
    // Importing the file again adds exactly what the crash left out (with the same
    // default country as leadsctl had, so phone numbers normalise alike).
    {
        QSqlQuery q(f.db->connection());
        REQUIRE(q.exec(QStringLiteral("DELETE FROM settings WHERE key = 'default_country'")));
    }
    QFile csv(csvPath);
    REQUIRE(csv.open(QIODevice::ReadOnly));
    auto r = f.import(csv.readAll());
    REQUIRE(r.ok());
    CHECK(r.value().created == 100000 - leads);
    CHECK(r.value().skipped == leads);
    CHECK(f.leads() == 100000);
}

TEST_CASE("import: a status change made while a bulk import runs still moves the lead's status date",
          "[import][bulk]")
{
    QTemporaryDir dir;
    Fixture f(dir.filePath(QStringLiteral("leads.sqlite")));
    LeadImporter::Options o;
    o.mapping = ImportMapping::guess({QStringLiteral("name"), QStringLiteral("phone"), QStringLiteral("notes")});
    o.batchSize = 1000;
    QBuffer file;
    file.setData(bulkCsv(6000));
    file.open(QIODevice::ReadOnly);
    LeadImporter importer(*f.db, f.admin, f.clock);
    LeadService service(*f.db, f.admin, f.clock);
    QString changed;
    auto r = importer.run(&file, o, [&](qint64, qint64, qint64 rows) {
        // Between two batches, someone moves an imported lead on.
        if (rows == 2000 && changed.isEmpty()) {
            changed = f.scalar(QStringLiteral("SELECT id FROM leads ORDER BY lead_no LIMIT 1")).toString();
            REQUIRE(service.setStatus(changed, LeadStatus::Contacted).ok());
        }
    });
    REQUIRE(r.ok());
    REQUIRE_FALSE(changed.isEmpty());
    CHECK(r.value().created == 6000);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'interactions_status_changed'")).toInt() == 1);
    CHECK(f.scalar(QStringLiteral("SELECT status_changed_at = (SELECT MAX(occurred_at) FROM interactions WHERE lead_id = leads.id "
                                  "AND kind = 'status_change') FROM leads WHERE id = '%1'").arg(changed)).toInt() == 1);
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM leads WHERE status_changed_at IS NOT NULL")).toInt() == 1);
    // The trigger is back for what comes after.
    const QString other = f.scalar(QStringLiteral("SELECT id FROM leads ORDER BY lead_no DESC LIMIT 1")).toString();
    REQUIRE(service.setStatus(other, LeadStatus::Contacted).ok());
    CHECK(f.scalar(QStringLiteral("SELECT COUNT(*) FROM leads WHERE status_changed_at IS NOT NULL")).toInt() == 2);
}
