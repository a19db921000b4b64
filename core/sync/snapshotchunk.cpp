// SPDX-License-Identifier: GPL-3.0-or-later
#include "snapshotchunk.h"

#include <QCborStreamReader>
#include <QCoreApplication>
#include <QJsonObject>

#include <cmath>

namespace Leads {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("SyncStore", text);
}

Error malformed()
{
    return Error(ErrorCode::InvalidInput, tr("The server sent a malformed download chunk."),
                 QStringLiteral("snapshot_malformed"));
}

Error otherFormat()
{
    return Error(ErrorCode::InvalidInput, tr("The server sent the download in a format this version does not read."),
                 QStringLiteral("snapshot_format"));
}

// Text from the wire goes into SQLite as it is, so it must be UTF-8 that Qt reads back
// unchanged.
bool validUtf8(const char *p, qsizetype n)
{
    const auto *s = reinterpret_cast<const unsigned char *>(p);
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        unsigned min = 0;
        unsigned cp = 0;
        if ((c & 0xE0) == 0xC0) {
            extra = 1;
            min = 0x80;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            min = 0x800;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            min = 0x10000;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (n - i <= extra)
            return false;
        for (int k = 1; k <= extra; ++k) {
            const unsigned char d = s[i + k];
            if ((d & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (d & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

// A JSON number as an integer, refusing what does not fit instead of converting with
// undefined behaviour.
std::optional<qint64> integral(double d)
{
    if (!std::isfinite(d) || d < -9.0e18 || d > 9.0e18)
        return std::nullopt;
    return qint64(d);
}

} // namespace

const QStringList &SnapshotChunk::leadColumns()
{
    static const QStringList c {
        QStringLiteral("id"), QStringLiteral("contactId"), QStringLiteral("contactPhone"),
        QStringLiteral("contactEmail"), QStringLiteral("contactName"), QStringLiteral("name"),
        QStringLiteral("company"), QStringLiteral("phone"), QStringLiteral("email"), QStringLiteral("source"),
        QStringLiteral("sourceDetail"), QStringLiteral("campaign"), QStringLiteral("status"),
        QStringLiteral("statusVersion"), QStringLiteral("lostReason"), QStringLiteral("assigneeId"),
        QStringLiteral("aiScore"), QStringLiteral("manualScore"), QStringLiteral("qualificationMethod"),
        QStringLiteral("followUpAt"), QStringLiteral("createdAt"), QStringLiteral("updatedAt"),
        QStringLiteral("lastActivityAt"), QStringLiteral("version"), QStringLiteral("changeSeq"),
        QStringLiteral("aiReasons")};
    return c;
}

const QStringList &SnapshotChunk::interactionColumns()
{
    static const QStringList c {QStringLiteral("id"),         QStringLiteral("leadId"),
                                QStringLiteral("kind"),       QStringLiteral("occurredAt"),
                                QStringLiteral("authorId"),   QStringLiteral("authorName"),
                                QStringLiteral("body"),       QStringLiteral("data"),
                                QStringLiteral("changeSeq")};
    return c;
}

// Reads one answer into a chunk; a friend of SnapshotChunk so that it fills the arena
// and the cell arrays directly.
class SnapshotDecoder
{
public:
    explicit SnapshotDecoder(SnapshotChunk &chunk) : m_chunk(chunk) { }

    Result<SnapshotChunk> cbor(QByteArrayView data)
    {
        QCborStreamReader r(data.data(), data.size());
        if (!r.isMap() || !r.enterContainer())
            return malformed();
        bool sawLeadColumns = false;
        bool sawInteractionColumns = false;
        while (r.lastError() == QCborError::NoError && r.hasNext()) {
            if (!r.isString())
                return malformed();
            const auto key = readQString(r);
            if (!key)
                return malformed();
            bool ok = true;
            if (*key == u"epoch" || *key == u"cursor" || *key == u"next") {
                QString value;
                if (r.isString()) {
                    auto s = readQString(r);
                    ok = s.has_value();
                    value = s.value_or(QString());
                } else if (r.isNull()) {
                    r.next();
                } else {
                    ok = false;
                }
                (*key == u"epoch" ? m_chunk.epoch : *key == u"cursor" ? m_chunk.cursor : m_chunk.next) = value;
            } else if (*key == u"upTo" || *key == u"total") {
                ok = r.isInteger();
                if (ok) {
                    (*key == u"upTo" ? m_chunk.upTo : m_chunk.total) = r.toInteger();
                    r.next();
                }
            } else if (*key == u"hasMore") {
                ok = r.isBool();
                if (ok) {
                    m_chunk.hasMore = r.toBool();
                    r.next();
                }
            } else if (*key == u"users") {
                ok = readUsers(r);
            } else if (*key == u"leadColumns" || *key == u"interactionColumns") {
                const bool leads = *key == u"leadColumns";
                const auto names = readNames(r);
                if (!names)
                    return malformed();
                if (*names != (leads ? SnapshotChunk::leadColumns() : SnapshotChunk::interactionColumns()))
                    return otherFormat();
                (leads ? sawLeadColumns : sawInteractionColumns) = true;
            } else if (*key == u"leads" || *key == u"interactions") {
                const bool leads = *key == u"leads";
                ok = readRows(r, leads ? m_chunk.m_leads : m_chunk.m_interactions,
                              leads ? SnapshotChunk::kLeadColumns : SnapshotChunk::kInteractionColumns);
            } else {
                ok = r.next(64); // a field a newer server adds (nested no deeper than 64)
            }
            if (!ok)
                return malformed();
        }
        if (r.lastError() != QCborError::NoError || !r.leaveContainer())
            return malformed();
        if (!sawLeadColumns || !sawInteractionColumns)
            return otherFormat();
        m_chunk.hasMore = m_chunk.hasMore && !m_chunk.next.isEmpty();
        return std::move(m_chunk);
    }

    Result<SnapshotChunk> json(const QJsonObject &o)
    {
        m_chunk.epoch = o.value(QStringLiteral("epoch")).toString();
        m_chunk.cursor = o.value(QStringLiteral("cursor")).toString();
        m_chunk.upTo = integral(o.value(QStringLiteral("upTo")).toDouble()).value_or(0);
        m_chunk.total = integral(o.value(QStringLiteral("total")).toDouble(-1)).value_or(-1);
        m_chunk.users = o.value(QStringLiteral("users")).toArray();
        m_chunk.next = o.value(QStringLiteral("next")).toString();
        m_chunk.hasMore = o.value(QStringLiteral("hasMore")).toBool() && !m_chunk.next.isEmpty();
        auto names = [](const QJsonValue &v) {
            QStringList out;
            for (const QJsonValue &n : v.toArray())
                out << n.toString();
            return out;
        };
        if (names(o.value(QStringLiteral("leadColumns"))) != SnapshotChunk::leadColumns()
            || names(o.value(QStringLiteral("interactionColumns"))) != SnapshotChunk::interactionColumns())
            return otherFormat();
        if (!jsonRows(o.value(QStringLiteral("leads")).toArray(), m_chunk.m_leads, SnapshotChunk::kLeadColumns)
            || !jsonRows(o.value(QStringLiteral("interactions")).toArray(), m_chunk.m_interactions,
                         SnapshotChunk::kInteractionColumns))
            return malformed();
        return std::move(m_chunk);
    }

private:
    static std::optional<QString> readQString(QCborStreamReader &r)
    {
        QString out;
        auto s = r.readString();
        while (s.status == QCborStreamReader::Ok) {
            out += s.data;
            s = r.readString();
        }
        if (s.status == QCborStreamReader::Error)
            return std::nullopt;
        return out;
    }

    // A text into the arena; false on a broken stream or invalid UTF-8.
    bool readText(QCborStreamReader &r, SnapshotChunk::Cell &cell)
    {
        QByteArray &arena = m_chunk.m_arena;
        const qsizetype start = arena.size();
        QCborStreamReader::StringResult<qsizetype> s;
        do {
            const qsizetype len = r.currentStringChunkSize();
            if (len < 0)
                return false;
            const qsizetype before = arena.size();
            if (arena.capacity() < before + len)
                arena.reserve(std::max(before + len, arena.capacity() * 2 + 4096));
            arena.resize(before + len);
            s = r.readStringChunk(arena.data() + before, len);
            arena.resize(s.status == QCborStreamReader::Ok ? before + s.data : before);
        } while (s.status == QCborStreamReader::Ok);
        if (s.status == QCborStreamReader::Error || !validUtf8(arena.constData() + start, arena.size() - start))
            return false;
        cell.kind = SnapshotChunk::Cell::Text;
        cell.number = start;
        cell.size = arena.size() - start;
        return true;
    }

    bool readCell(QCborStreamReader &r, SnapshotChunk::Cell &cell)
    {
        if (r.isNull()) {
            cell = {};
            return r.next();
        }
        if (r.isInteger()) {
            cell.kind = SnapshotChunk::Cell::Number;
            cell.number = r.toInteger();
            return r.next();
        }
        if (r.isDouble()) {
            const auto n = integral(r.toDouble());
            if (!n)
                return false;
            cell.kind = SnapshotChunk::Cell::Number;
            cell.number = *n;
            return r.next();
        }
        if (r.isString())
            return readText(r, cell);
        return false;
    }

    bool readRows(QCborStreamReader &r, std::vector<SnapshotChunk::Cell> &cells, int columns)
    {
        if (!r.isArray() || !r.enterContainer())
            return false;
        if (r.isLengthKnown())
            cells.reserve(cells.size() + size_t(std::min<quint64>(r.length(), 100000)) * size_t(columns));
        while (r.lastError() == QCborError::NoError && r.hasNext()) {
            if (!r.isArray() || !r.enterContainer())
                return false;
            int n = 0;
            while (r.hasNext()) {
                if (n == columns)
                    return false;
                SnapshotChunk::Cell cell;
                if (!readCell(r, cell))
                    return false;
                cells.push_back(cell);
                ++n;
            }
            if (n != columns || !r.leaveContainer())
                return false;
        }
        return r.lastError() == QCborError::NoError && r.leaveContainer();
    }

    static std::optional<QStringList> readNames(QCborStreamReader &r)
    {
        if (!r.isArray() || !r.enterContainer())
            return std::nullopt;
        QStringList out;
        while (r.lastError() == QCborError::NoError && r.hasNext()) {
            if (!r.isString() || out.size() > 1000)
                return std::nullopt;
            auto s = readQString(r);
            if (!s)
                return std::nullopt;
            out << *s;
        }
        if (r.lastError() != QCborError::NoError || !r.leaveContainer())
            return std::nullopt;
        return out;
    }

    bool readUsers(QCborStreamReader &r)
    {
        if (!r.isArray() || !r.enterContainer())
            return false;
        while (r.lastError() == QCborError::NoError && r.hasNext()) {
            if (!r.isArray() || !r.enterContainer())
                return false;
            QJsonArray user;
            while (r.hasNext()) {
                if (user.size() > 100)
                    return false;
                if (r.isString()) {
                    auto s = readQString(r);
                    if (!s)
                        return false;
                    user.append(*s);
                } else if (r.isBool()) {
                    user.append(r.toBool());
                    r.next();
                } else if (r.isInteger()) {
                    user.append(r.toInteger());
                    r.next();
                } else if (r.isNull()) {
                    user.append(QJsonValue::Null);
                    r.next();
                } else {
                    return false;
                }
            }
            if (!r.leaveContainer())
                return false;
            m_chunk.users.append(user);
        }
        return r.lastError() == QCborError::NoError && r.leaveContainer();
    }

    bool jsonRows(const QJsonArray &rows, std::vector<SnapshotChunk::Cell> &cells, int columns)
    {
        cells.reserve(size_t(rows.size()) * size_t(columns));
        for (const QJsonValue &row : rows) {
            const QJsonArray a = row.toArray();
            if (!row.isArray() || a.size() != columns)
                return false;
            for (const QJsonValue &v : a) {
                SnapshotChunk::Cell cell;
                if (v.isDouble()) {
                    const auto n = integral(v.toDouble());
                    if (!n)
                        return false;
                    cell.kind = SnapshotChunk::Cell::Number;
                    cell.number = *n;
                } else if (v.isString()) {
                    const QByteArray utf8 = v.toString().toUtf8();
                    cell.kind = SnapshotChunk::Cell::Text;
                    cell.number = m_chunk.m_arena.size();
                    cell.size = utf8.size();
                    m_chunk.m_arena += utf8;
                } else if (!v.isNull()) {
                    return false;
                }
                cells.push_back(cell);
            }
        }
        return true;
    }

    SnapshotChunk &m_chunk;
};

Result<SnapshotChunk> SnapshotChunk::fromCbor(QByteArrayView cbor)
{
    SnapshotChunk chunk;
    return SnapshotDecoder(chunk).cbor(cbor);
}

Result<SnapshotChunk> SnapshotChunk::fromJson(const QJsonObject &answer)
{
    SnapshotChunk chunk;
    return SnapshotDecoder(chunk).json(answer);
}

} // namespace Leads
