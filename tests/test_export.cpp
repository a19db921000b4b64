// SPDX-License-Identifier: GPL-3.0-or-later
// Exports: CSV that re-imports to the same leads, XLSX that opens, a paginated PDF report,
// formula-injection safety, cancel without leftovers, leadsctl export and the dialog.
#include "testsupport.h"

#include "domain/clock.h"
#include "exportdialog.h"
#include "io/csvreader.h"
#include "io/leadexporter.h"
#include "io/leadimporter.h"
#include "pdfreport.h"
#include "storage/database.h"
#include "storage/leadservice.h"
#include "storage/sampledata.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace Leads;

namespace {

const Actor kAdmin{QStringLiteral("u-admin"), QStringLiteral("Admin"), Role::Admin};

void seed(Database &db, qint64 leads, quint64 seedValue = 7)
{
    SampleData::Options options;
    options.leads = leads;
    options.seed = seedValue;
    options.now = LeadsTest::fixedNow();
    auto r = SampleData::generate(db, options, {});
    REQUIRE(r);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return f.readAll();
}

QList<QStringList> readCsv(const QString &path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    CsvReader reader(&f);
    REQUIRE(reader.detect());
    QList<QStringList> rows;
    QStringList fields;
    for (;;) {
        auto next = reader.readRecord(&fields);
        REQUIRE(next);
        if (!next.value())
            break;
        rows.append(fields);
    }
    return rows;
}

// The fields a user compares, keyed by contact, for every lead of a database.
QMap<QString, QStringList> leadsByContact(Database &db)
{
    QMap<QString, QStringList> map;
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(QStringLiteral(
        "SELECT phone, email, name, company, source, status, "
        "COALESCE((SELECT username FROM users WHERE users.id = leads.assignee_id), ''), "
        "COALESCE(score, -1), created_at, notes, campaign, COALESCE(follow_up_at, -1), "
        "(SELECT COUNT(*) FROM lead_attributes a WHERE a.lead_id = leads.id) FROM leads")));
    while (q.next()) {
        QStringList row;
        for (int i = 0; i < 13; ++i)
            row.append(q.value(i).toString());
        map.insert(row.at(0) + u'|' + row.at(1), row);
    }
    return map;
}

// The users of `from` in `to`, so that assignees map back by name.
void copyUsers(Database &from, Database &to)
{
    QSqlQuery q(from.connection());
    REQUIRE(q.exec(QStringLiteral("SELECT id, username, display_name, role, active, created_at FROM users")));
    QSqlQuery ins(to.connection());
    REQUIRE(ins.prepare(QStringLiteral("INSERT OR IGNORE INTO users (id, username, display_name, role, active, created_at) "
                                       "VALUES (?, ?, ?, ?, ?, ?)")));
    while (q.next()) {
        for (int i = 0; i < 6; ++i)
            ins.bindValue(i, q.value(i));
        REQUIRE(ins.exec());
    }
}

LeadImporter::Report importCsv(Database &db, const QString &path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    auto preview = LeadImporter::preview(&f, 200);
    REQUIRE(preview);
    LeadImporter::Options options;
    options.mapping = ImportMapping::guess(preview.value().header, preview.value().rows);
    f.seek(0);
    const FixedClock clock(LeadsTest::fixedNow());
    LeadImporter importer(db, kAdmin, clock);
    auto report = importer.run(&f, options);
    REQUIRE(report);
    return report.value();
}

LeadExporter::Report exportTo(Database &db, const QString &path, const LeadExporter::Options &options)
{
    LeadExporter exporter(db);
    auto r = exporter.run(path, options);
    if (!r)
        FAIL(r.error().message().toStdString());
    return r.value();
}

QByteArray unzip(const QString &xlsx, const QString &member)
{
    QProcess p;
    p.start(QStringLiteral("unzip"), {QStringLiteral("-p"), xlsx, member});
    REQUIRE(p.waitForFinished(30000));
    REQUIRE(p.exitCode() == 0);
    return p.readAllStandardOutput();
}

QString createLead(LeadService &service, const QString &name, const QString &phone)
{
    NewLead lead;
    lead.name = name;
    lead.phone = phone;
    auto id = service.createLead(lead);
    REQUIRE(id);
    return id.value();
}

} // namespace

TEST_CASE("A CSV export re-imports into an empty database as the same leads", "[export]")
{
    auto source = LeadsTest::memoryDatabase();
    seed(*source, 300);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("leads.csv"));
    const auto report = exportTo(*source, path, {});
    CHECK(report.rows == 300);

    auto target = LeadsTest::memoryDatabase();
    copyUsers(*source, *target);
    const auto imported = importCsv(*target, path);
    CHECK(imported.failed == 0);
    CHECK(imported.skipped == 0);
    CHECK(imported.created == 300);

    const auto before = leadsByContact(*source);
    const auto after = leadsByContact(*target);
    REQUIRE(before.size() == 300);
    REQUIRE(after.size() == 300);
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        INFO("lead " << it.key().toStdString());
        CHECK(after.value(it.key()) == it.value());
    }
    // A seeded database has assigned, scored and noted leads: the comparison covered them.
    CHECK(std::any_of(before.cbegin(), before.cend(), [](const QStringList &r) { return !r.at(6).isEmpty(); }));
    CHECK(std::any_of(before.cbegin(), before.cend(), [](const QStringList &r) { return r.at(7) != u"-1"; }));
    // … and campaigns and follow-ups, which come back as themselves, not as attributes.
    CHECK(std::any_of(before.cbegin(), before.cend(), [](const QStringList &r) { return !r.at(10).isEmpty(); }));
    CHECK(std::any_of(before.cbegin(), before.cend(), [](const QStringList &r) { return r.at(11) != u"-1"; }));
}

TEST_CASE("Formula cells are neutralised in CSV and XLSX while phones round-trip", "[export]")
{
    auto db = LeadsTest::memoryDatabase();
    const FixedClock clock(LeadsTest::fixedNow());
    LeadService service(*db, kAdmin, clock);
    const QStringList names = {QStringLiteral("=HYPERLINK(\"http://evil.example\",\"click\")"), QStringLiteral("+cmd"),
                               QStringLiteral("@SUM(1)"), QStringLiteral("-2+3")};
    const QStringList phones = {QStringLiteral("+34612345678"), QStringLiteral("+4915112345678"),
                                QStringLiteral("+14155550123"), QStringLiteral("+447700900123")};
    for (int i = 0; i < names.size(); ++i)
        createLead(service, names.at(i), phones.at(i));

    CHECK(LeadExporter::neutralise(QStringLiteral("=1+1")) == QStringLiteral("'=1+1"));
    CHECK(LeadExporter::neutralise(QStringLiteral("\tx")) == QStringLiteral("'\tx"));
    CHECK(LeadExporter::neutralise(QStringLiteral("+34612345678")) == QStringLiteral("+34612345678"));
    CHECK(LeadExporter::neutralise(QStringLiteral("-12.5")) == QStringLiteral("-12.5"));
    CHECK(LeadExporter::neutralise(QStringLiteral("Ana")) == QStringLiteral("Ana"));

    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("leads.csv"));
    exportTo(*db, csv, {});
    const auto rows = readCsv(csv);
    REQUIRE(rows.size() == 5);
    const int nameCol = int(rows.at(0).indexOf(QStringLiteral("name")));
    const int phoneCol = int(rows.at(0).indexOf(QStringLiteral("phone")));
    for (int i = 0; i < names.size(); ++i) {
        CHECK(rows.at(i + 1).at(nameCol) == u'\'' + names.at(i));
        CHECK(rows.at(i + 1).at(phoneCol) == phones.at(i));
    }
    // The raw bytes: no cell starts with a formula character.
    const QByteArray bytes = readAll(csv);
    CHECK_FALSE(bytes.contains("\n=HYPERLINK"));
    CHECK_FALSE(bytes.contains(",\"=HYPERLINK"));
    CHECK(bytes.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""));

    // Phones re-import as the same contacts.
    auto target = LeadsTest::memoryDatabase();
    const auto imported = importCsv(*target, csv);
    CHECK(imported.created == 4);
    QSqlQuery q(target->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT phone FROM leads ORDER BY lead_no")));
    QStringList back;
    while (q.next())
        back.append(q.value(0).toString());
    CHECK(back == phones);

    LeadExporter::Options xlsxOptions;
    xlsxOptions.format = LeadExporter::Format::Xlsx;
    const QString xlsx = dir.filePath(QStringLiteral("leads.xlsx"));
    exportTo(*db, xlsx, xlsxOptions);
    const QByteArray sheet = unzip(xlsx, QStringLiteral("xl/worksheets/sheet1.xml"));
    CHECK_FALSE(sheet.contains("<f>"));
    CHECK(sheet.contains("<t>'=HYPERLINK("));
    CHECK_FALSE(sheet.contains("<t>=HYPERLINK("));
    CHECK(sheet.contains(">'+cmd<"));
    CHECK(sheet.contains(">'@SUM(1)<"));
    CHECK(sheet.contains(">'-2+3<"));
    CHECK(sheet.contains(">+34612345678<"));
}

TEST_CASE("CSV for Excel starts with a BOM, plain CSV does not", "[export]")
{
    auto db = LeadsTest::memoryDatabase();
    seed(*db, 20);
    QTemporaryDir dir;
    LeadExporter::Options options;
    exportTo(*db, dir.filePath(QStringLiteral("plain.csv")), options);
    options.bom = true;
    exportTo(*db, dir.filePath(QStringLiteral("excel.csv")), options);
    const QByteArray plain = readAll(dir.filePath(QStringLiteral("plain.csv")));
    const QByteArray excel = readAll(dir.filePath(QStringLiteral("excel.csv")));
    CHECK(plain.startsWith("name,company,phone,email,"));
    CHECK(excel.startsWith("\xEF\xBB\xBFname,company,phone,email,"));
    CHECK(excel.mid(3) == plain);
    // Both read back the same.
    CHECK(readCsv(dir.filePath(QStringLiteral("plain.csv"))) == readCsv(dir.filePath(QStringLiteral("excel.csv"))));
}

TEST_CASE("The export holds the leads of the view's filter, and only those", "[export]")
{
    auto db = LeadsTest::memoryDatabase();
    seed(*db, 400);
    QSqlQuery q(db->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT COUNT(*) FROM leads WHERE status IN ('qualified', 'lost')")));
    REQUIRE(q.next());
    const qint64 expected = q.value(0).toLongLong();
    REQUIRE(expected > 0);
    REQUIRE(expected < 400);

    LeadExporter::Options options;
    LeadFilter filter;
    filter.statuses = {LeadStatus::Qualified, LeadStatus::Lost};
    options.filter = filter;
    options.context.now = LeadsTest::fixedNow();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("some.csv"));
    CHECK(exportTo(*db, path, options).rows == expected);
    const auto rows = readCsv(path);
    REQUIRE(rows.size() == expected + 1);
    const int statusCol = int(rows.at(0).indexOf(QStringLiteral("status")));
    for (qsizetype i = 1; i < rows.size(); ++i)
        CHECK((rows.at(i).at(statusCol) == u"qualified" || rows.at(i).at(statusCol) == u"lost"));

    // The same filter in XLSX: header + the same rows.
    options.format = LeadExporter::Format::Xlsx;
    const QString xlsx = dir.filePath(QStringLiteral("some.xlsx"));
    CHECK(exportTo(*db, xlsx, options).rows == expected);
    const QByteArray sheet = unzip(xlsx, QStringLiteral("xl/worksheets/sheet1.xml"));
    CHECK(sheet.count("<row ") == expected + 1);
}

TEST_CASE("An XLSX export opens with a bold, frozen header, an autofilter, dates and every row", "[export]")
{
    auto db = LeadsTest::memoryDatabase();
    seed(*db, 250);
    QTemporaryDir dir;
    LeadExporter::Options options;
    options.format = LeadExporter::Format::Xlsx;
    const QString path = dir.filePath(QStringLiteral("leads.xlsx"));
    CHECK(exportTo(*db, path, options).rows == 250);
    const QByteArray sheet = unzip(path, QStringLiteral("xl/worksheets/sheet1.xml"));
    CHECK(sheet.count("<row ") == 251);
    for (const char *h : {"name", "company", "phone", "email", "status", "assignee", "score", "created"})
        CHECK(sheet.contains(QByteArray(QByteArray("<t>") + h + "</t>")));
    CHECK(sheet.contains("state=\"frozen\""));
    CHECK(sheet.contains("<autoFilter ref=\"A1:"));
    const QByteArray styles = unzip(path, QStringLiteral("xl/styles.xml"));
    CHECK(styles.contains("<b/>"));
    CHECK(styles.contains("yyyy-mm-dd hh:mm"));
    // Nothing but the workbook in the folder.
    CHECK(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden) == QStringList{QStringLiteral("leads.xlsx")});
}

TEST_CASE("A cancelled export leaves no file, and an existing file untouched", "[export]")
{
    auto db = LeadsTest::memoryDatabase();
    seed(*db, 5000);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("leads.csv"));
    for (const auto format : {LeadExporter::Format::Csv, LeadExporter::Format::Xlsx}) {
        std::atomic_bool cancel = false;
        LeadExporter exporter(*db);
        LeadExporter::Options options;
        options.format = format;
        qint64 seen = 0;
        auto r = exporter.run(path, options, [&](qint64 done, qint64) {
            seen = done;
            if (done > 0)
                cancel = true; // mid-way
        }, &cancel);
        REQUIRE(r);
        CHECK(r.value().cancelled);
        CHECK(seen > 0);
        CHECK(r.value().rows < 5000);
        CHECK(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
    }
    // Over an existing file: the old one stays as it was.
    {
        QFile old(path);
        REQUIRE(old.open(QIODevice::WriteOnly));
        old.write("old contents");
    }
    std::atomic_bool cancel = true;
    LeadExporter exporter(*db);
    auto r = exporter.run(path, {}, {}, &cancel);
    REQUIRE(r);
    CHECK(r.value().cancelled);
    CHECK(readAll(path) == "old contents");
    CHECK(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden) == QStringList{QStringLiteral("leads.csv")});
}

TEST_CASE("The PDF report has the summary and paginates 300 leads", "[export][pdf]")
{
    auto db = LeadsTest::memoryDatabase();
    seed(*db, 300);
    PdfReport pdf(*db);
    auto summary = pdf.summary(std::nullopt, {QString(), LeadsTest::fixedNow()});
    REQUIRE(summary);
    CHECK(summary.value().total == 300);
    qint64 perStatus = 0;
    for (qint64 n : summary.value().perStatus)
        perStatus += n;
    CHECK(perStatus == 300);
    QSqlQuery q(db->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT COUNT(*) FROM leads WHERE status = 'converted'")));
    REQUIRE(q.next());
    CHECK(summary.value().perStatus.at(Status::index(LeadStatus::Converted)) == q.value(0).toLongLong());

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("report.pdf"));
    PdfReport::Options options;
    options.context.now = LeadsTest::fixedNow();
    QImage chart(400, 200, QImage::Format_RGB32);
    chart.fill(Qt::darkCyan);
    options.charts = {chart};
    auto r = pdf.write(path, options);
    REQUIRE(r);
    CHECK(r.value().rows == 300);
    const QByteArray bytes = readAll(path);
    CHECK(bytes.startsWith("%PDF-"));
    const qsizetype pages = bytes.count("/Type /Page\n") + bytes.count("/Type /Page ") + bytes.count("/Type /Page/")
                            + bytes.count("/Type /Page>");
    CHECK(pages >= 2);
    // The page count the footers announced ("Page n of N") is the one written.
    CHECK(pages == r.value().pages);
    // Real text, not a picture of it: a font is embedded and the pages are small.
    CHECK(bytes.contains("/FontFile2"));
    CHECK(bytes.size() < 2 * 1024 * 1024);

    // The filter in words.
    LeadFilter filter;
    filter.statuses = {LeadStatus::New};
    filter.search = QStringLiteral("lumen");
    const QString words = pdf.describe(filter);
    CHECK(words.contains(QStringLiteral("New")));
    CHECK(words.contains(QStringLiteral("lumen")));
    CHECK(pdf.describe(std::nullopt) == QStringLiteral("All leads"));
}

#ifdef LEADSCTL_PATH
TEST_CASE("leadsctl export writes the file, refuses bad arguments with 2 and fails with 1 leaving nothing",
          "[export][cli]")
{
    QTemporaryDir dir;
    const QString dbPath = dir.filePath(QStringLiteral("leads.sqlite"));
    {
        auto db = Database::open(dbPath);
        REQUIRE(db);
        seed(*db.value(), 120);
    }
    auto run = [&](const QStringList &args, QByteArray *out = nullptr) {
        QProcess p;
        p.start(QStringLiteral(LEADSCTL_PATH), QStringList{QStringLiteral("export")} + args);
        REQUIRE(p.waitForFinished(60000));
        if (out)
            *out = p.readAllStandardOutput();
        return p.exitCode();
    };
    const QString outDir = dir.filePath(QStringLiteral("out"));
    REQUIRE(QDir().mkpath(outDir));
    QByteArray stdoutText;
    CHECK(run({QStringLiteral("--db"), dbPath, QStringLiteral("--out"), outDir + QStringLiteral("/all.csv")}, &stdoutText)
          == 0);
    CHECK(stdoutText.contains("exported 120 rows"));
    CHECK(readCsv(outDir + QStringLiteral("/all.csv")).size() == 121);
    CHECK(run({QStringLiteral("--db"), dbPath, QStringLiteral("--format"), QStringLiteral("xlsx"), QStringLiteral("--status"),
               QStringLiteral("new"), QStringLiteral("--out"), outDir + QStringLiteral("/new.xlsx")})
          == 0);
    CHECK(QFile::exists(outDir + QStringLiteral("/new.xlsx")));

    // Bad arguments: 2.
    CHECK(run({QStringLiteral("--db"), dbPath, QStringLiteral("--format"), QStringLiteral("docx"), QStringLiteral("--out"),
               outDir + QStringLiteral("/x.docx")})
          == 2);
    CHECK(run({QStringLiteral("--db"), dbPath}) == 2);
    CHECK(run({QStringLiteral("--db"), dbPath, QStringLiteral("--status"), QStringLiteral("sleeping"),
               QStringLiteral("--out"), outDir + QStringLiteral("/x.csv")})
          == 2);
    CHECK(run({QStringLiteral("--no-such-option"), QStringLiteral("--out"), outDir + QStringLiteral("/x.csv")}) == 2);
    CHECK(run({QStringLiteral("--db"), dbPath, QStringLiteral("--format"), QStringLiteral("xlsx"), QStringLiteral("--bom"),
               QStringLiteral("--out"), outDir + QStringLiteral("/x.xlsx")})
          == 2);

    // Impossible outputs: 1, and nothing left behind.
    const QString aFile = outDir + QStringLiteral("/all.csv");
    CHECK(run({QStringLiteral("--db"), dbPath, QStringLiteral("--out"), aFile + QStringLiteral("/inside.csv")}) == 1);
    CHECK(run({QStringLiteral("--db"), dbPath, QStringLiteral("--out"), dir.filePath(QStringLiteral("missing/x.csv"))})
          == 1);
    CHECK(run({QStringLiteral("--db"), dbPath, QStringLiteral("--format"), QStringLiteral("xlsx"), QStringLiteral("--out"),
               dir.filePath(QStringLiteral("missing/x.xlsx"))})
          == 1);
    CHECK(run({QStringLiteral("--db"), dir.filePath(QStringLiteral("nodb.sqlite")), QStringLiteral("--out"),
               outDir + QStringLiteral("/x.csv")})
          == 1);
    CHECK(QDir(outDir).entryList(QDir::Files | QDir::Hidden)
          == QStringList({QStringLiteral("all.csv"), QStringLiteral("new.xlsx")}));
    CHECK_FALSE(QFile::exists(dir.filePath(QStringLiteral("missing"))));
    CHECK_FALSE(QFile::exists(dir.filePath(QStringLiteral("nodb.sqlite"))));
}
#endif

TEST_CASE("The export dialog exports the current view off the UI thread, and the whole pipeline", "[export][ui]")
{
    QTemporaryDir dir;
    const QString dbPath = dir.filePath(QStringLiteral("leads.sqlite"));
    auto opened = Database::open(dbPath);
    REQUIRE(opened);
    Database &db = *opened.value();
    seed(db, 200);
    const FixedClock clock(LeadsTest::fixedNow());
    LeadService service(db, kAdmin, clock);
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(QStringLiteral("SELECT COUNT(*) FROM leads WHERE status = 'new'")));
    REQUIRE(q.next());
    const qint64 newLeads = q.value(0).toLongLong();

    LeadFilter view;
    view.statuses = {LeadStatus::New};
    ExportDialog dialog(service, view);
    dialog.show();
    CHECK(dialog.scope() == ExportDialog::Scope::CurrentView);

    dialog.setFormat(ExportDialog::Format::CsvExcel);
    dialog.setFilePath(dir.filePath(QStringLiteral("view.csv")));
    QSignalSpy finished(&dialog, &ExportDialog::finished);
    dialog.startExport();
    REQUIRE((finished.count() == 1 || finished.wait(30000)));
    CHECK(finished.at(0).at(0).toBool());
    CHECK(finished.at(0).at(1).toLongLong() == newLeads);
    const QByteArray csv = readAll(dir.filePath(QStringLiteral("view.csv")));
    CHECK(csv.startsWith("\xEF\xBB\xBF"));
    CHECK(readCsv(dir.filePath(QStringLiteral("view.csv"))).size() == newLeads + 1);
    CHECK(dialog.resultText().contains(QStringLiteral("view.csv")));
    CHECK(dialog.findChild<QPushButton *>(QStringLiteral("exportOpenFolder"))->isVisibleTo(&dialog));

    dialog.setScope(ExportDialog::Scope::Pipeline);
    dialog.setFormat(ExportDialog::Format::Pdf);
    dialog.setFilePath(dir.filePath(QStringLiteral("all.pdf")));
    dialog.startExport();
    REQUIRE((finished.count() == 2 || finished.wait(60000)));
    CHECK(finished.at(1).at(0).toBool());
    CHECK(finished.at(1).at(1).toLongLong() == 200);
    CHECK(readAll(dir.filePath(QStringLiteral("all.pdf"))).startsWith("%PDF-"));
}

TEST_CASE("The export dialog works on an in-memory database and tells agents they may not export", "[export][ui]")
{
    auto db = LeadsTest::memoryDatabase();
    seed(*db, 50);
    const FixedClock clock(LeadsTest::fixedNow());
    LeadService service(*db, kAdmin, clock);
    QTemporaryDir dir;
    ExportDialog dialog(service, {});
    dialog.setFormat(ExportDialog::Format::Xlsx);
    dialog.setFilePath(dir.filePath(QStringLiteral("mem.xlsx")));
    QSignalSpy finished(&dialog, &ExportDialog::finished);
    dialog.startExport();
    REQUIRE((finished.count() == 1 || finished.wait(30000)));
    CHECK(finished.at(0).at(1).toLongLong() == 50);
    CHECK(unzip(dir.filePath(QStringLiteral("mem.xlsx")), QStringLiteral("xl/worksheets/sheet1.xml")).count("<row ") == 51);

    // Agents have no Export permission by default: no dialog, a message instead.
    CHECK_FALSE(PermissionMatrix::defaults().allows(Role::Agent, Permission::Export));
}
