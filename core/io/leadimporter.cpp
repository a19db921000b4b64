// SPDX-License-Identifier: GPL-3.0-or-later
#include "leadimporter.h"

#include "csvreader.h"
#include "domain/clock.h"
#include "domain/contactidentity.h"
#include "domain/lead.h"
#include "domain/qualification.h"
#include "leadscore.h"
#include "storage/bulkload.h"
#include "storage/bulkstatement.h"
#include "storage/ids.h"
#include "storage/database.h"
#include "storage/leadservice.h"
#include "storage/migrations.h"
#include "storage/searchindex.h"
#include "storage/handover.h"
#include "storage/searchindexbuilder.h"
#include "storage/transaction.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QIODevice>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlQuery>

#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace Leads {

namespace {
// lupdate files these calls under the class whose member makes them (Leads::LeadImporter), or
// under the namespace when a free function makes them: look in both.
QString tr(const char *text)
{
    const QString translated = QCoreApplication::translate("Leads::LeadImporter", text);
    return translated != QLatin1String(text) ? translated : QCoreApplication::translate("Leads", text);
}

// An import suspends the search index and the secondary indexes and builds them once at
// the end (7–14× faster than maintaining them row by row) when it brings enough rows for
// that rebuild to pay: at least this many, and at least a fifth of the leads already
// there (rebuilding a million leads' indexes for a 500-row file would not pay).
constexpr qint64 kBulkMinRows = 5000;
constexpr qint64 kBytesPerRowEstimate = 100;
constexpr int kMaxCell = 10000;

// Compact JSON for the per-row payloads, without QJsonDocument's CBOR round trip.
class JsonWriter
{
public:
    JsonWriter &add(const char *key, QStringView value)
    {
        next(key);
        appendJsonString(m_out, value);
        return *this;
    }
    JsonWriter &add(const char *key, qint64 value)
    {
        next(key);
        m_out.append(QByteArray::number(value));
        return *this;
    }
    JsonWriter &add(const char *key, bool value)
    {
        next(key);
        m_out.append(value ? "true" : "false");
        return *this;
    }
    JsonWriter &addNull(const char *key)
    {
        next(key);
        m_out.append("null");
        return *this;
    }
    QByteArray finish() { return m_out + '}'; }

private:
    void next(const char *key)
    {
        m_out.append(m_out.size() > 1 ? ",\"" : "\"").append(key).append("\":");
    }
    QByteArray m_out = "{";
};

struct Parsed
{
    QString name;
    QString company;
    QString phone;
    QString email;
    QString source;
    LeadStatus status = LeadStatus::New;
    std::optional<int> score;
    QString assigneeId;
    QDateTime createdAt;
    QString notes;
    QString campaign;
    QDateTime followUpAt;
    struct Attribute
    {
        QString key;
        QString type;
        QString value;
    };
    QList<Attribute> attributes;
};

// One record as the reader thread hands it to the writer: parsed and checked against
// core/domain (or failed with the reason), with what the writer binds already in UTF-8,
// so the thread that holds the write lock does little but look up and write.
struct Row
{
    qint64 line = 0;
    QStringList fields; // for the failed-rows file
    QString reason;     // not empty: the row failed
    Parsed p;
    QString phone; // normalised contact identity
    QString email;
    QByteArray leadId;
    QByteArray name8;
    QByteArray company8;
    QByteArray phone8;
    QByteArray email8;
    QByteArray searchPhone8;
    QByteArray source8;
    QByteArray notes8;
    QByteArray campaign8;
    QByteArray createdData;   // the "created" timeline entry's data
    QByteArray payloadTail;   // lead.create's payload after leadId and contactId
    qint64 created = 0;
};

struct Chunk
{
    std::vector<Row> rows;
    qint64 bytesRead = 0;
    // Reading stopped after these rows (a record the reader cannot read).
    std::optional<Error> error;
    qint64 errorLine = 0;
};
constexpr size_t kChunkRows = 512;

using SearchBatch = std::vector<SearchIndexRow>;

struct Known
{
    QByteArray contactId;
    QByteArray activeLeadId; // empty when all the contact's leads are final
};
} // namespace

LeadImporter::LeadImporter(Database &db, Actor actor, const Clock &clock)
    : m_db(db), m_actor(std::move(actor)), m_clock(clock)
{
}

QString LeadImporter::unwrapExcelText(const QString &cell)
{
    // Excel's way to keep leading zeros: ="0123".
    if (cell.size() >= 3 && cell.startsWith(QStringLiteral("=\"")) && cell.endsWith(u'"')
        && cell.count(u'"') == 2)
        return cell.mid(2, cell.size() - 3);
    return cell;
}

QDateTime LeadImporter::parseDate(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return {};
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(text, Qt::ISODate);
    if (dt.isValid())
        return dt.timeSpec() == Qt::LocalTime ? QDateTime(dt.date(), dt.time(), Qt::UTC) : dt.toUTC();
    const QStringList isoLike = {QStringLiteral("yyyy-MM-dd HH:mm:ss"), QStringLiteral("yyyy-MM-dd HH:mm"),
                                 QStringLiteral("yyyy/MM/dd HH:mm"), QStringLiteral("yyyy/MM/dd"),
                                 QStringLiteral("yyyy-MM-dd")};
    for (const QString &f : isoLike) {
        dt = QDateTime::fromString(text, f);
        if (dt.isValid())
            return QDateTime(dt.date(), dt.time(), Qt::UTC);
    }
    // d/m/y or m/d/y with any of / . - and an optional time; day first when ambiguous.
    static const QRegularExpression dmy(
        QStringLiteral("^(\\d{1,2})[/.\\-](\\d{1,2})[/.\\-](\\d{2,4})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?$"));
    const auto m = dmy.match(text);
    if (m.hasMatch()) {
        int a = m.captured(1).toInt();
        int b = m.captured(2).toInt();
        int y = m.captured(3).toInt();
        if (m.captured(3).size() == 2)
            y += y < 70 ? 2000 : 1900;
        int day = a;
        int month = b;
        if (a <= 12 && b > 12) {
            day = b;
            month = a;
        }
        const QDate d(y, month, day);
        const QTime t(m.captured(4).isEmpty() ? 0 : m.captured(4).toInt(),
                      m.captured(5).isEmpty() ? 0 : m.captured(5).toInt(),
                      m.captured(6).isEmpty() ? 0 : m.captured(6).toInt());
        if (d.isValid() && t.isValid())
            return QDateTime(d, t, Qt::UTC);
        return {};
    }
    dt = QDateTime::fromString(text, Qt::RFC2822Date);
    if (dt.isValid())
        return dt.toUTC();
    // Excel serial day numbers (1955–2119).
    bool ok = false;
    const double serial = text.toDouble(&ok);
    if (ok && serial >= 20000 && serial < 80000) {
        const QDateTime epoch(QDate(1899, 12, 30), QTime(0, 0), Qt::UTC);
        return epoch.addMSecs(qint64(serial * 86400000.0));
    }
    return {};
}

Result<LeadImporter::Preview> LeadImporter::preview(QIODevice *file, int rows)
{
    CsvReader reader(file);
    auto format = reader.detect();
    if (!format)
        return format.error();
    Preview p;
    p.encoding = CsvReader::encodingName(format.value().encoding);
    p.delimiter = format.value().delimiter;
    QStringList fields;
    auto first = reader.readRecord(&fields);
    if (!first)
        return first.error();
    for (QString &f : fields)
        f = unwrapExcelText(f).trimmed();
    p.header = fields;
    while (p.rows.size() < rows) {
        auto next = reader.readRecord(&fields);
        if (!next)
            return next.error();
        if (!next.value())
            break;
        p.rows.append(fields);
    }
    return p;
}

bool LeadImporter::writeFailures(const Report &report, QIODevice *out)
{
    auto cell = [](const QString &v) {
        QString s = v;
        if (s.contains(u'"') || s.contains(u',') || s.contains(u'\n') || s.contains(u'\r')) {
            s.replace(QStringLiteral("\""), QStringLiteral("\"\""));
            s = u'"' + s + u'"';
        }
        return s;
    };
    QStringList header = report.header;
    header << QStringLiteral("line") << QStringLiteral("reason");
    QStringList lines;
    QStringList cells;
    for (const QString &h : std::as_const(header))
        cells.append(cell(h));
    lines.append(cells.join(u','));
    for (const FailedRow &f : report.failures) {
        cells.clear();
        for (const QString &v : f.fields)
            cells.append(cell(v));
        while (cells.size() < report.header.size())
            cells.append(QString());
        cells << QString::number(f.line) << cell(f.reason);
        lines.append(cells.join(u','));
    }
    const QByteArray bytes = "\xEF\xBB\xBF" + lines.join(QStringLiteral("\r\n")).toUtf8() + "\r\n";
    return out->write(bytes) == bytes.size();
}

Result<LeadImporter::Report> LeadImporter::run(QIODevice *file, const Options &options,
                                               const Progress &progress, const std::atomic_bool *cancel)
{
    QElapsedTimer timer;
    timer.start();
    LeadService rules(m_db, m_actor, m_clock);
    if (auto allowed = rules.permissions().require(m_actor.role, Permission::Import); !allowed)
        return allowed.error();
    const QString country = rules.defaultCountry();

    Report report;
    report.dryRun = options.dryRun;
    CsvReader reader(file);
    auto format = reader.detect();
    if (!format)
        return format.error();
    report.encoding = CsvReader::encodingName(format.value().encoding);
    report.delimiter = format.value().delimiter;
    if (options.hasHeader) {
        QStringList names;
        auto header = reader.readRecord(&names);
        if (!header)
            return header.error();
        for (QString &f : names)
            f = unwrapExcelText(f).trimmed();
        report.header = names;
    }
    const ImportMapping &mapping = options.mapping;
    const qsizetype width = std::max<qsizetype>(report.header.size(), mapping.columns.size());
    bool mapsName = false;
    for (const auto &c : mapping.columns)
        mapsName = mapsName || c.field == ImportMapping::Field::Name || c.field == ImportMapping::Field::Phone
                   || c.field == ImportMapping::Field::Email;
    if (!mapsName)
        return Error(ErrorCode::InvalidInput,
                     tr("Map at least one column to Name, Phone or E-mail before importing."));

    QSqlDatabase conn = m_db.connection();
    // What the database already knows: contact identities and their active leads.
    QHash<QString, Known *> byPhone;
    QHash<QString, Known *> byEmail;
    std::deque<Known> known; // stable addresses
    {
        QHash<QByteArray, Known *> byContact;
        QSqlQuery q(conn);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT id, phone, email FROM contacts")))
            return storageError(q, tr("reading contacts"));
        while (q.next()) {
            Known *k = &known.emplace_back(Known{q.value(0).toString().toUtf8(), {}});
            byContact.insert(k->contactId, k);
            if (!q.value(1).isNull())
                byPhone.insert(q.value(1).toString(), k);
            if (!q.value(2).isNull())
                byEmail.insert(q.value(2).toString(), k);
        }
        if (!q.exec(QStringLiteral("SELECT contact_id, id FROM leads WHERE is_final = 0")))
            return storageError(q, tr("reading leads"));
        while (q.next()) {
            if (Known *k = byContact.value(q.value(0).toString().toUtf8()))
                k->activeLeadId = q.value(1).toString().toUtf8();
        }
    }
    QHash<QString, QString> users; // lower-case username / name / id → id
    for (const UserInfo &u : rules.users()) {
        if (!u.active)
            continue;
        users.insert(u.id.toLower(), u.id);
        users.insert(u.username.toLower(), u.id);
        users.insert(u.displayName.toLower(), u.id);
    }

    // Every row is validated with core/domain before it is written, so a large import
    // may skip per-row constraint checks and index upkeep (see BulkLoad).
    BulkLoad bulk(conn);
    qint64 existingLeads = 0;
    {
        QSqlQuery q(conn);
        if (q.exec(QStringLiteral("SELECT COUNT(*) FROM leads")) && q.next())
            existingLeads = q.value(0).toLongLong();
    }
    const qint64 expectedRows = file->size() / kBytesPerRowEstimate;
    // Room for the file's contacts up front instead of rehashing as they come.
    const qsizetype newContacts = qsizetype(std::min<qint64>(expectedRows, 4'000'000));
    byPhone.reserve(byPhone.size() + newContacts);
    byEmail.reserve(byEmail.size() + newContacts);
    const bool bulkMode = !options.dryRun && expectedRows >= std::max(kBulkMinRows, existingLeads / 5);
    if (bulkMode) {
        if (auto b = bulk.begin(); !b)
            return b.error();
    }

    // Into an empty file-backed database the search index is built on another thread, in
    // a scratch file, from the rows of each committed batch (SearchIndexBuilder), instead
    // of from the whole table after the load. Leads then get their lead_no from here.
    // Anything the scratch index could not describe exactly (an update of an imported
    // lead, a lead another connection added meanwhile) falls back to the rebuild.
    const QString path = m_db.path();
    std::optional<SearchIndexBuilder> searchBuilder;
    if (bulkMode && existingLeads == 0 && !path.isEmpty() && path != u":memory:") {
        searchBuilder.emplace(SearchIndexBuilder::scratchPathFor(path));
        if (auto opened = searchBuilder->open(); !opened) {
            qCWarning(lcStorage) << "import: building the search index on the side failed, rebuilding it at the end:"
                                 << opened.error().message();
            searchBuilder.reset();
        }
    }
    qint64 nextLeadNo = 1;
    bool searchOnSide = searchBuilder.has_value();
    Handover<SearchBatch> searchQueue(2);
    std::optional<Error> searchError;
    std::thread searchThread;
    if (searchOnSide) {
        searchThread = std::thread([&] {
            while (auto batch = searchQueue.pop()) {
                if (Outcome indexed = searchBuilder->addAll(*batch); !indexed) {
                    searchError = indexed.error();
                    searchQueue.stop();
                    return;
                }
            }
            if (auto finished = searchBuilder->finish(); !finished)
                searchError = finished.error();
        });
    }
    auto joinSearch = qScopeGuard([&] {
        searchQueue.stop();
        if (searchThread.joinable())
            searchThread.join();
    });
    SearchBatch searchPending;
    auto abandonSearchOnSide = [&](const char *why) {
        if (!searchOnSide)
            return;
        qCInfo(lcStorage) << "import: search index rebuilt at the end:" << why;
        searchOnSide = false;
        searchPending.clear();
        searchQueue.stop();
    };

    BulkStatement insertContact(conn, "INSERT INTO contacts (id, phone, email, display_name, created_at) VALUES (?, ?, ?, ?, ?)");
    BulkStatement insertLead(conn,
        "INSERT INTO leads (id, contact_id, name, company, phone, email, search_phone, source, status, status_rank, "
        "is_final, assignee_id, manual_score, score, qualification_method, qualified_by, qualified_at, notes, "
        "created_at, updated_at, last_activity_at, campaign, follow_up_at, lead_no) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    BulkStatement updateLead(conn,
        "UPDATE leads SET name = CASE WHEN ?1 = '' THEN name ELSE ?1 END, "
        "company = CASE WHEN ?2 = '' THEN company ELSE ?2 END, "
        "notes = CASE WHEN ?3 = '' THEN notes WHEN notes = '' THEN ?3 ELSE notes || char(10) || ?3 END, "
        "manual_score = COALESCE(?4, manual_score), score = COALESCE(?4, score), "
        "qualification_method = CASE WHEN ?4 IS NULL THEN qualification_method ELSE 'manual' END, "
        "version = version + 1, updated_at = ?5 WHERE id = ?6");
    BulkStatement insertInteraction(conn,
        "INSERT INTO interactions (id, lead_id, kind, occurred_at, author_id, author_name, body, data) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    BulkStatement upsertAttribute(conn,
        "INSERT INTO lead_attributes (lead_id, key, type, value) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (lead_id, key) DO UPDATE SET type = excluded.type, value = excluded.value");
    BulkStatement enqueue(conn,
        "INSERT INTO outbox (mutation_id, type, lead_id, payload, created_at) VALUES (?, ?, ?, ?, ?)");

    const qint64 nowMs = m_clock.now().toMSecsSinceEpoch();
    const qint64 total = file->size();
    const QByteArray actorId = m_actor.userId.toUtf8();
    const QByteArray actorName = m_actor.displayName.toUtf8();
    const QStringList header = report.header;
    const QString encoding = report.encoding;
    const QHash<QString, QString> &assignees = users;

    // Reading, parsing and checking a record against core/domain: on a thread of its own,
    // ahead of the writer; nothing here depends on what the writer has written.
    auto parseRow = [&](Row &row) {
        Parsed &p = row.p;
        const QStringList &fields = row.fields;
        QString &reason = row.reason;
        if (width > 0 && fields.size() > width) {
            reason = tr("This row has %1 values but the header has %2; check for an unquoted "
                        "delimiter.").arg(fields.size()).arg(width);
            return;
        }
        for (qsizetype i = 0; i < mapping.columns.size() && reason.isEmpty(); ++i) {
            const ImportMapping::Column &col = mapping.columns.at(i);
            if (col.field == ImportMapping::Field::Ignore || i >= fields.size())
                continue;
            const QString value = unwrapExcelText(fields.at(i)).trimmed();
            if (value.isEmpty())
                continue;
            const QString columnName = i < header.size() ? header.at(i) : QStringLiteral("#%1").arg(i + 1);
            if (value.contains(QChar::ReplacementCharacter)) {
                reason = tr("Column \"%1\" has characters that could not be read (the file is not valid %2).")
                             .arg(columnName, encoding);
                break;
            }
            if (value.size() > kMaxCell) {
                reason = tr("Column \"%1\" is longer than %2 characters.").arg(columnName).arg(kMaxCell);
                break;
            }
            switch (col.field) {
            case ImportMapping::Field::Name: p.name = value; break;
            case ImportMapping::Field::Company: p.company = value; break;
            case ImportMapping::Field::Phone: p.phone = value; break;
            case ImportMapping::Field::Email: p.email = value; break;
            case ImportMapping::Field::Source: p.source = value.toLower(); break;
            case ImportMapping::Field::Notes: p.notes = value; break;
            case ImportMapping::Field::Campaign: p.campaign = value; break;
            case ImportMapping::Field::FollowUp:
                p.followUpAt = parseDate(value);
                if (!p.followUpAt.isValid())
                    reason = tr("Cannot read the follow-up date \"%1\" (use e.g. 2024-03-31 14:30 or 31/03/2024).")
                                 .arg(value);
                break;
            case ImportMapping::Field::Status: {
                const QString key = value.toLower();
                std::optional<LeadStatus> s;
                if (mapping.statusValues.contains(key))
                    s = mapping.statusValues.value(key);
                if (!s)
                    s = Status::fromId(QString(key).replace(u' ', u'_').replace(u'-', u'_'));
                for (LeadStatus candidate : kAllStatuses) {
                    if (!s && Status::label(candidate).compare(value, Qt::CaseInsensitive) == 0)
                        s = candidate;
                }
                if (!s)
                    reason = tr("Unknown status \"%1\"; map it to one of the pipeline statuses.").arg(value);
                else
                    p.status = *s;
                break;
            }
            case ImportMapping::Field::ManualScore: {
                bool ok = false;
                const double d = QString(value).replace(u',', u'.').toDouble(&ok);
                const int score = int(std::lround(d));
                if (!ok)
                    reason = tr("The score \"%1\" is not a number.").arg(value);
                else if (auto range = Qualification::checkScore(score); !range)
                    reason = range.error().message();
                else
                    p.score = score;
                break;
            }
            case ImportMapping::Field::Assignee:
                p.assigneeId = assignees.value(value.toLower());
                if (p.assigneeId.isEmpty())
                    reason = tr("No active user called \"%1\".").arg(value);
                break;
            case ImportMapping::Field::CreatedAt:
                p.createdAt = parseDate(value);
                if (!p.createdAt.isValid())
                    reason = tr("Cannot read the date \"%1\" (use e.g. 2024-03-31 or 31/03/2024).").arg(value);
                break;
            case ImportMapping::Field::Attribute: {
                QString v = value;
                if (col.attributeType == ImportMapping::AttributeType::Number) {
                    bool ok = false;
                    const double d = QString(value).replace(u',', u'.').toDouble(&ok);
                    if (!ok) {
                        reason = tr("Column \"%1\" expects a number, not \"%2\".").arg(columnName, value);
                        break;
                    }
                    v = QString::number(d, 'g', 15);
                }
                p.attributes.append({col.attributeKey, ImportMapping::attributeTypeId(col.attributeType), v});
                break;
            }
            case ImportMapping::Field::Ignore: break;
            }
        }
        if (!reason.isEmpty())
            return;
        auto identity = ContactIdentity::make(p.phone, p.email, country);
        if (!identity) {
            reason = identity.error().message();
            return;
        }
        if (identity.value().isEmpty()) {
            reason = tr("A lead needs a phone number or an e-mail address.");
            return;
        }
        row.phone = identity.value().phone();
        row.email = identity.value().email();
        if (p.name.isEmpty())
            p.name = !p.company.isEmpty() ? p.company : !row.email.isEmpty() ? row.email : row.phone;
        if (p.name.size() > 200)
            p.name.truncate(200);
        if (p.source.isEmpty())
            p.source = mapping.defaultSource;
        row.created = p.createdAt.isValid() ? p.createdAt.toMSecsSinceEpoch() : nowMs;
        row.leadId = newIdUtf8();
        row.name8 = p.name.toUtf8();
        row.company8 = p.company.toUtf8();
        row.phone8 = row.phone.toUtf8();
        row.email8 = row.email.toUtf8();
        row.searchPhone8 = SearchIndex::phoneTokens(row.phone).toUtf8();
        row.source8 = p.source.toUtf8();
        row.notes8 = p.notes.toUtf8();
        row.campaign8 = p.campaign.toUtf8();
        const QString status = Status::id(p.status);
        row.createdData = JsonWriter().add("source", p.source).add("imported", true).add("status", status).finish();
        row.payloadTail = JsonWriter()
                              .add("name", p.name)
                              .add("company", p.company)
                              .add("phone", row.phone)
                              .add("email", row.email)
                              .add("source", p.source)
                              .add("status", status)
                              .add("assigneeId", p.assigneeId)
                              .add("note", p.notes)
                              .add("campaign", p.campaign)
                              .add("createdAt", row.created)
                              .finish();
        row.payloadTail[0] = ',';
    };

    Handover<Chunk> chunks(8);
    // Chunks the writer is done with go back to be freed on the reader thread, which
    // allocated them: the writer holds the write lock and has better things to do.
    std::mutex spentMutex;
    std::vector<Chunk> spent;
    std::thread readerThread([&] {
        Chunk chunk;
        chunk.rows.reserve(kChunkRows);
        QStringList fields;
        std::vector<Chunk> freeing;
        for (;;) {
            auto next = reader.readRecord(&fields);
            if (!next) {
                chunk.error = next.error();
                chunk.errorLine = reader.recordLine();
                break;
            }
            if (!next.value())
                break;
            if (std::all_of(fields.cbegin(), fields.cend(), [](const QString &f) { return f.trimmed().isEmpty(); }))
                continue;
            Row &row = chunk.rows.emplace_back();
            row.line = reader.recordLine();
            row.fields = std::move(fields);
            parseRow(row);
            if (chunk.rows.size() >= kChunkRows) {
                chunk.bytesRead = reader.bytesRead();
                if (!chunks.push(std::move(chunk)))
                    return;
                chunk = Chunk();
                chunk.rows.reserve(kChunkRows);
                {
                    std::lock_guard lock(spentMutex);
                    freeing.swap(spent);
                }
                freeing.clear();
            }
        }
        chunk.bytesRead = reader.bytesRead();
        chunks.push(std::move(chunk));
        chunks.stop(); // the writer takes what is queued, then sees the end
    });
    auto joinReader = qScopeGuard([&] {
        chunks.stop();
        if (readerThread.joinable())
            readerThread.join();
    });

    // The statuses as bound, once.
    QHash<int, QByteArray> statusIds;
    for (LeadStatus s : kAllStatuses)
        statusIds.insert(int(s), Status::id(s).toUtf8());

    qint64 bytesDone = 0;
    std::unique_ptr<Transaction> tx;
    auto beginBatch = [&]() -> Outcome {
        if (options.dryRun)
            return {};
        tx = std::make_unique<Transaction>(conn);
        if (auto b = tx->begun(); !b)
            return b;
        if (searchOnSide) {
            // Inside the write lock: nobody else adds leads until this batch commits.
            QSqlQuery q(conn);
            if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(lead_no), 0) FROM leads")) || !q.next())
                return storageError(q, tr("reading leads"));
            if (q.value(0).toLongLong() != nextLeadNo - 1)
                abandonSearchOnSide("another connection added leads during the import");
        }
        return {};
    };
    if (auto b = beginBatch(); !b)
        return b.error();
    int inBatch = 0;
    qint64 batchCreated = 0; // what a rollback of the batch in progress takes back
    qint64 batchUpdated = 0;
    qint64 commitMs = 0;
    auto commitBatch = [&]() -> Outcome {
        QElapsedTimer committing;
        committing.start();
        if (auto c = tx->commit(); !c)
            return c;
        commitMs += committing.elapsed();
        if (searchOnSide && !searchPending.empty()) {
            if (!searchQueue.push(std::move(searchPending)))
                abandonSearchOnSide("building the search index failed");
            searchPending = {};
        }
        batchCreated = batchUpdated = 0;
        inBatch = 0;
        if (progress)
            progress(bytesDone, total, report.rows);
        return beginBatch();
    };

    auto fail = [&](qint64 line, const QStringList &row, const QString &reason) {
        ++report.failed;
        report.failures.append({line, row, reason});
    };
    auto interaction = [&](QByteArrayView leadId, const char *kind, qint64 at, QByteArrayView body,
                           QByteArrayView data) -> Outcome {
        const QByteArray id = newIdUtf8();
        insertInteraction.bindStatic(1, id);
        insertInteraction.bindStatic(2, leadId);
        insertInteraction.bindStatic(3, QByteArrayView(kind));
        insertInteraction.bind(4, at);
        insertInteraction.bindStatic(5, actorId);
        insertInteraction.bindStatic(6, actorName);
        insertInteraction.bindStatic(7, body);
        insertInteraction.bindStatic(8, data);
        return insertInteraction.step("importing the timeline");
    };
    auto writeAttributes = [&](QByteArrayView leadId, const QList<Parsed::Attribute> &attributes) -> Outcome {
        for (const auto &a : attributes) {
            upsertAttribute.bindStatic(1, leadId);
            upsertAttribute.bind(2, a.key);
            upsertAttribute.bind(3, a.type);
            upsertAttribute.bind(4, a.value);
            if (auto w = upsertAttribute.step("importing attributes"); !w)
                return w;
        }
        return {};
    };
    auto queue = [&](const char *type, QByteArrayView leadId, QByteArrayView payload) -> Outcome {
        const QByteArray id = newIdUtf8();
        enqueue.bindStatic(1, id);
        enqueue.bindStatic(2, QByteArrayView(type));
        enqueue.bindStatic(3, leadId);
        enqueue.bindStatic(4, payload);
        enqueue.bind(5, nowMs);
        return enqueue.step("queueing imported leads for sync");
    };
    const QByteArrayView importedData = "{\"imported\":true}";

    std::optional<Chunk> chunk;
    size_t next = 0;
    for (;;) {
        if (cancel && cancel->load()) {
            report.cancelled = true;
            break;
        }
        if (!chunk || next == chunk->rows.size()) {
            if (chunk && chunk->error)
                return Error(ErrorCode::InvalidInput,
                             tr("%1 Nothing after line %2 was imported; %3 rows before it were.")
                                 .arg(chunk->error->message())
                                 .arg(chunk->errorLine)
                                 .arg(report.rows - report.failed - report.skipped));
            if (chunk) {
                std::lock_guard lock(spentMutex);
                spent.push_back(std::move(*chunk));
            }
            chunk = chunks.pop();
            next = 0;
            if (!chunk)
                break;
            bytesDone = chunk->bytesRead;
            continue;
        }
        Row &row = chunk->rows[next++];
        ++report.rows;
        if (!row.reason.isEmpty()) {
            fail(row.line, row.fields, row.reason);
            continue;
        }
        const Parsed &p = row.p;
        const QString &phone = row.phone;
        const QString &email = row.email;

        Known *contact = nullptr;
        if (!phone.isEmpty())
            contact = byPhone.value(phone);
        if (!contact && !email.isEmpty())
            contact = byEmail.value(email);

        const bool hasActive = contact && !contact->activeLeadId.isEmpty();
        if (hasActive) {
            if (mapping.duplicates == ImportMapping::DuplicatePolicy::Skip) {
                ++report.skipped;
                continue;
            }
            if (mapping.duplicates == ImportMapping::DuplicatePolicy::UpdateActive) {
                if (!options.dryRun) {
                    abandonSearchOnSide("the file updates leads it created");
                    const QByteArray leadId = contact->activeLeadId;
                    updateLead.bind(1, p.name == email || p.name == phone ? QString() : p.name);
                    updateLead.bind(2, p.company);
                    updateLead.bind(3, p.notes);
                    if (p.score)
                        updateLead.bind(4, qint64(*p.score));
                    else
                        updateLead.bindNull(4);
                    updateLead.bind(5, nowMs);
                    updateLead.bind(6, leadId);
                    Outcome w = updateLead.step("updating a lead from the import");
                    if (w)
                        w = writeAttributes(leadId, p.attributes);
                    if (w && !p.notes.isEmpty())
                        w = interaction(leadId, "note", nowMs, row.notes8, importedData);
                    if (w) {
                        JsonWriter payload;
                        payload.add("leadId", QString::fromUtf8(leadId)).add("name", p.name).add("company", p.company).add("note", p.notes);
                        p.score ? payload.add("score", qint64(*p.score)) : payload.addNull("score");
                        w = queue("lead.update", leadId, payload.finish());
                    }
                    if (!w)
                        return w.error();
                }
                ++report.updated;
                ++batchUpdated;
                if (++inBatch >= options.batchSize && !options.dryRun) {
                    if (auto c = commitBatch(); !c)
                        return c.error();
                }
                continue;
            }
            // AlwaysCreate keeps the one-active-lead rule: closed leads are history and are
            // added; a second active lead for the contact is refused.
            if (!Status::isFinal(p.status)) {
                fail(row.line, row.fields, tr("This contact already has an active lead; import it as closed "
                                              "(Converted, Lost, Archived) or choose \"update\"."));
                continue;
            }
        }

        // Create the lead (and its contact).
        const QByteArray &leadId = row.leadId;
        const QByteArray contactId = contact ? contact->contactId : newIdUtf8();
        const bool final = Status::isFinal(p.status);
        if (!options.dryRun) {
            if (!contact) {
                insertContact.bindStatic(1, contactId);
                phone.isEmpty() ? insertContact.bindNull(2) : insertContact.bindStatic(2, row.phone8);
                email.isEmpty() ? insertContact.bindNull(3) : insertContact.bindStatic(3, row.email8);
                insertContact.bindStatic(4, row.name8);
                insertContact.bind(5, row.created);
                if (auto w = insertContact.step("importing contacts"); !w)
                    return w.error();
            }
            insertLead.bindStatic(1, leadId);
            insertLead.bindStatic(2, contactId);
            insertLead.bindStatic(3, row.name8);
            insertLead.bindStatic(4, row.company8);
            insertLead.bindStatic(5, row.phone8);
            insertLead.bindStatic(6, row.email8);
            insertLead.bindStatic(7, row.searchPhone8);
            insertLead.bindStatic(8, row.source8);
            insertLead.bindStatic(9, statusIds.value(int(p.status)));
            insertLead.bind(10, qint64(Status::index(p.status)));
            insertLead.bind(11, qint64(final ? 1 : 0));
            p.assigneeId.isEmpty() ? insertLead.bindNull(12) : insertLead.bind(12, p.assigneeId);
            if (p.score) {
                insertLead.bind(13, qint64(*p.score));
                insertLead.bind(14, qint64(*p.score));
                insertLead.bindStatic(15, QByteArrayView("manual"));
                insertLead.bindStatic(16, actorId);
                insertLead.bind(17, nowMs);
            } else {
                insertLead.bindNull(13);
                insertLead.bindNull(14);
                insertLead.bindStatic(15, QByteArrayView(""));
                insertLead.bindNull(16);
                insertLead.bindNull(17);
            }
            insertLead.bindStatic(18, row.notes8);
            insertLead.bind(19, row.created);
            insertLead.bind(20, nowMs);
            insertLead.bind(21, row.created);
            insertLead.bindStatic(22, row.campaign8);
            // A final lead has nothing to follow up (the rules clear it on close).
            const bool followUp = p.followUpAt.isValid() && !final;
            followUp ? insertLead.bind(23, p.followUpAt.toMSecsSinceEpoch()) : insertLead.bindNull(23);
            if (searchOnSide) {
                const qint64 leadNo = nextLeadNo++;
                insertLead.bind(24, leadNo);
                searchPending.push_back({leadNo, row.name8, row.company8, row.searchPhone8, row.email8, row.notes8});
            } else {
                insertLead.bindNull(24);
            }
            Outcome w = insertLead.step("importing leads");
            if (w)
                w = interaction(leadId, "created", row.created, {}, row.createdData);
            if (w && !p.notes.isEmpty())
                w = interaction(leadId, "note", row.created, row.notes8, importedData);
            if (w)
                w = writeAttributes(leadId, p.attributes);
            if (w) {
                QByteArray payload;
                payload.reserve(row.payloadTail.size() + 100);
                payload.append("{\"leadId\":\"").append(leadId).append("\",\"contactId\":");
                appendJsonString(payload, QString::fromUtf8(contactId));
                payload.append(row.payloadTail);
                w = queue("lead.create", leadId, payload);
            }
            if (w && followUp) {
                const QString at = p.followUpAt.toUTC().toString(Qt::ISODate);
                const QByteArray data = JsonWriter().add("at", at).add("imported", true).finish();
                w = interaction(leadId, "follow_up", nowMs, {}, data);
                if (w)
                    w = queue("lead.setFollowUp", leadId,
                              JsonWriter().add("leadId", QString::fromUtf8(leadId)).add("at", at).finish());
            }
            if (!w)
                return w.error();
        }
        ++report.created;
        ++batchCreated;
        // Later rows of the same contact see this lead.
        if (!contact) {
            contact = &known.emplace_back(Known{contactId, {}});
            if (!phone.isEmpty())
                byPhone.insert(phone, contact);
            if (!email.isEmpty())
                byEmail.insert(email, contact);
        }
        if (!final)
            contact->activeLeadId = leadId;

        if (++inBatch >= options.batchSize && !options.dryRun) {
            if (auto c = commitBatch(); !c)
                return c.error();
        }
    }
    if (!options.dryRun) {
        if (report.cancelled) {
            tx->rollback(); // the batch in progress goes; whole earlier batches stay
            report.created -= batchCreated;
            report.updated -= batchUpdated;
            searchPending.clear();
        } else if (auto c = tx->commit(); !c) {
            return c.error();
        }
        if (searchOnSide && !searchPending.empty() && !searchQueue.push(std::move(searchPending)))
            abandonSearchOnSide("building the search index failed");
    }
    const qint64 rowsMs = timer.elapsed();
    qint64 indexesMs = 0;
    qint64 searchWaitMs = 0;
    if (bulkMode) {
        // The secondary indexes are built while the other thread merges the search index.
        searchQueue.stop();
        if (auto indexed = Migrations::ensureSecondaryIndexes(conn); !indexed)
            return indexed.error();
        indexesMs = timer.elapsed() - rowsMs;
        if (searchThread.joinable())
            searchThread.join();
        searchWaitMs = timer.elapsed() - rowsMs - indexesMs;
        if (searchError) {
            qCWarning(lcStorage) << "import: building the search index on the side failed, rebuilding it:"
                                 << searchError->message();
            searchOnSide = false;
        }
        if (searchOnSide) {
            // The scratch index describes the imported rows as written; a lead another
            // connection added or changed meanwhile (the triggers are suspended) needs the
            // rebuild instead.
            QSqlQuery q(conn);
            q.prepare(QStringLiteral("SELECT (SELECT COALESCE(MAX(lead_no), 0) FROM leads), "
                                     "EXISTS (SELECT 1 FROM leads WHERE updated_at <> ?)"));
            q.addBindValue(nowMs);
            if (!q.exec() || !q.next())
                return storageError(q, tr("reading leads"));
            if (q.value(0).toLongLong() != nextLeadNo - 1 || q.value(1).toBool())
                abandonSearchOnSide("another connection changed leads during the import");
        }
        if (auto f = bulk.finish(searchOnSide ? SearchIndexBuilder::scratchPathFor(path) : QString()); !f)
            return f.error();
        searchBuilder.reset(); // removes the scratch file
    }
    if (progress)
        progress(bytesDone, total, report.rows);
    report.elapsedMs = timer.elapsed();
    qCInfo(lcStorage) << "import:" << report.rows << "rows," << report.created << "created," << report.updated
                      << "updated," << report.skipped << "skipped," << report.failed << "failed in"
                      << report.elapsedMs << "ms" << (options.dryRun ? "(dry run)" : "") << "(rows" << rowsMs
                      << "ms of which commits" << commitMs << "ms, indexes" << indexesMs << "ms, waiting for the search index" << searchWaitMs
                      << "ms, search index" << (bulkMode ? (searchOnSide ? "adopted)" : "rebuilt)") : "kept up)");
    return report;
}

} // namespace Leads
