// SPDX-License-Identifier: GPL-3.0-or-later
#include "snapshotchunk.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <cmath>
#include <cstring>
#include <limits>
#include <optional>

namespace Leads {

namespace {

Error malformed()
{
    // The messages belong to SyncStore, which reports them.
    return Error(ErrorCode::InvalidInput,
                 QCoreApplication::translate("Leads::SyncStore", "The server sent a malformed download chunk."),
                 QStringLiteral("snapshot_malformed"));
}

Error otherFormat()
{
    return Error(ErrorCode::InvalidInput,
                 QCoreApplication::translate("Leads::SyncStore",
                                             "The server sent the download in a format this version does not read."),
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

// A minimal CBOR reader (RFC 8949) over one chunk in memory, for the few shapes a snapshot
// chunk has: QCborStreamReader costs about a third of a microsecond per value, which is
// most of the decoding of a million-lead download. Every length is checked against what
// is left before it is used; anything out of shape is refused.
class CborIn
{
public:
    enum Major : quint8 { Unsigned = 0, Negative = 1, Bytes = 2, Text = 3, Array = 4, Map = 5, Tag = 6, Simple = 7 };
    struct Head {
        quint8 major = 0;
        quint8 minor = 0;
        quint64 arg = 0;
        bool indefinite = false;
    };

    CborIn(const char *data, qsizetype size)
        : m_p(reinterpret_cast<const uchar *>(data)), m_end(reinterpret_cast<const uchar *>(data) + size)
    {
    }

    bool atBreak() const { return m_p < m_end && *m_p == 0xFF; }
    bool takeBreak()
    {
        if (!atBreak())
            return false;
        ++m_p;
        return true;
    }
    qsizetype left() const { return m_end - m_p; }

    bool head(Head &h)
    {
        if (m_p >= m_end)
            return false;
        const uchar ib = *m_p++;
        h.major = ib >> 5;
        h.minor = ib & 0x1F;
        h.indefinite = false;
        if (h.minor < 24) {
            h.arg = h.minor;
            return true;
        }
        if (h.minor == 31) {
            // Indefinite strings, arrays and maps; a break here is out of place.
            h.indefinite = h.major == Bytes || h.major == Text || h.major == Array || h.major == Map;
            return h.indefinite;
        }
        if (h.minor > 27)
            return false;
        const int n = 1 << (h.minor - 24);
        if (left() < n)
            return false;
        h.arg = 0;
        for (int i = 0; i < n; ++i)
            h.arg = (h.arg << 8) | *m_p++;
        return true;
    }

    // The bytes of a definite string of `size` bytes.
    bool take(quint64 size, const char **out)
    {
        if (size > quint64(left()))
            return false;
        *out = reinterpret_cast<const char *>(m_p);
        m_p += size;
        return true;
    }

    // A text string (either form) appended to `out`.
    bool text(const Head &h, QByteArray &out)
    {
        if (h.major != Text)
            return false;
        const char *bytes = nullptr;
        if (!h.indefinite) {
            if (!take(h.arg, &bytes))
                return false;
            out.append(bytes, qsizetype(h.arg));
            return true;
        }
        while (!takeBreak()) {
            Head part;
            if (!head(part) || part.major != Text || part.indefinite || !take(part.arg, &bytes))
                return false;
            out.append(bytes, qsizetype(part.arg));
        }
        return true;
    }

    // An integer, or a float that holds one, as a cell number.
    static std::optional<qint64> number(const Head &h)
    {
        if (h.major == Unsigned)
            return h.arg <= quint64(std::numeric_limits<qint64>::max()) ? std::optional<qint64>(qint64(h.arg))
                                                                       : std::nullopt;
        if (h.major == Negative)
            return h.arg <= quint64(std::numeric_limits<qint64>::max()) ? std::optional<qint64>(-1 - qint64(h.arg))
                                                                       : std::nullopt;
        if (h.major != Simple)
            return std::nullopt;
        double d = 0;
        if (h.minor == 25) {
            // Half precision, as RFC 8949 appendix D decodes it.
            const int half = int(h.arg & 0xFFFF);
            const int exponent = (half >> 10) & 0x1F;
            const int mantissa = half & 0x3FF;
            d = exponent == 0    ? std::ldexp(mantissa, -24)
                : exponent != 31 ? std::ldexp(mantissa + 1024, exponent - 25)
                : mantissa == 0  ? std::numeric_limits<double>::infinity()
                                 : std::numeric_limits<double>::quiet_NaN();
            if (half & 0x8000)
                d = -d;
        } else if (h.minor == 26) {
            const quint32 bits = quint32(h.arg);
            float f;
            std::memcpy(&f, &bits, sizeof f);
            d = double(f);
        } else if (h.minor == 27) {
            const quint64 bits = h.arg;
            std::memcpy(&d, &bits, sizeof d);
        } else {
            return std::nullopt;
        }
        return integral(d);
    }

    static bool isNull(const Head &h) { return h.major == Simple && h.minor == 22; }
    static bool isBool(const Head &h) { return h.major == Simple && (h.minor == 20 || h.minor == 21); }

    // Skips one item whose head was read, nested no deeper than `depth`.
    bool skip(const Head &h, int depth)
    {
        if (depth <= 0)
            return false;
        const char *bytes = nullptr;
        switch (h.major) {
        case Unsigned:
        case Negative:
            return true;
        case Bytes:
        case Text:
            if (!h.indefinite)
                return take(h.arg, &bytes);
            while (!takeBreak()) {
                Head part;
                if (!head(part) || part.major != h.major || part.indefinite || !take(part.arg, &bytes))
                    return false;
            }
            return true;
        case Array:
        case Map: {
            const quint64 items = h.major == Map ? h.arg * 2 : h.arg;
            if (!h.indefinite && (h.arg > quint64(left()) || items > quint64(left())))
                return false;
            for (quint64 i = 0; h.indefinite ? !takeBreak() : i < items; ++i) {
                Head inner;
                if (!head(inner) || !skip(inner, depth - 1))
                    return false;
            }
            return true;
        }
        case Tag: {
            Head inner;
            return head(inner) && skip(inner, depth - 1);
        }
        default: // simple values and floats: their head held them
            return true;
        }
    }

private:
    const uchar *m_p;
    const uchar *m_end;
};

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
        CborIn in(data.data(), data.size());
        CborIn::Head top;
        if (!in.head(top) || top.major != CborIn::Map)
            return malformed();
        bool sawLeadColumns = false;
        bool sawInteractionColumns = false;
        QByteArray key;
        for (quint64 pair = 0; top.indefinite ? !in.takeBreak() : pair < top.arg; ++pair) {
            CborIn::Head h;
            key.clear();
            if (!in.head(h) || !in.text(h, key) || !in.head(h))
                return malformed();
            bool ok = true;
            if (key == "epoch" || key == "cursor" || key == "next") {
                QString value;
                if (h.major == CborIn::Text) {
                    QByteArray utf8;
                    ok = in.text(h, utf8) && validUtf8(utf8.constData(), utf8.size());
                    value = QString::fromUtf8(utf8);
                } else {
                    ok = CborIn::isNull(h);
                }
                (key == "epoch" ? m_chunk.epoch : key == "cursor" ? m_chunk.cursor : m_chunk.next) = value;
            } else if (key == "upTo" || key == "total") {
                const auto n = h.major == CborIn::Simple ? std::nullopt : CborIn::number(h);
                ok = n.has_value();
                (key == "upTo" ? m_chunk.upTo : m_chunk.total) = n.value_or(0);
            } else if (key == "hasMore") {
                ok = CborIn::isBool(h);
                m_chunk.hasMore = h.minor == 21;
            } else if (key == "users") {
                ok = readUsers(in, h);
            } else if (key == "leadColumns" || key == "interactionColumns") {
                const bool leads = key == "leadColumns";
                const auto names = readNames(in, h);
                if (!names)
                    return malformed();
                if (*names != (leads ? SnapshotChunk::leadColumns() : SnapshotChunk::interactionColumns()))
                    return otherFormat();
                (leads ? sawLeadColumns : sawInteractionColumns) = true;
            } else if (key == "leads" || key == "interactions") {
                const bool leads = key == "leads";
                ok = readRows(in, h, leads ? m_chunk.m_leads : m_chunk.m_interactions,
                              leads ? SnapshotChunk::kLeadColumns : SnapshotChunk::kInteractionColumns);
            } else {
                ok = in.skip(h, 64); // a field a newer server adds (nested no deeper than 64)
            }
            if (!ok)
                return malformed();
        }
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
    // A text into the arena; false on a broken stream or invalid UTF-8.
    bool readText(CborIn &in, const CborIn::Head &h, SnapshotChunk::Cell &cell)
    {
        QByteArray &arena = m_chunk.m_arena;
        const qsizetype start = arena.size();
        if (!h.indefinite && arena.capacity() < start + qsizetype(std::min<quint64>(h.arg, quint64(in.left()))))
            arena.reserve(std::max(start + qsizetype(std::min<quint64>(h.arg, quint64(in.left()))),
                                   arena.capacity() * 2 + 4096));
        if (!in.text(h, arena) || !validUtf8(arena.constData() + start, arena.size() - start))
            return false;
        cell.kind = SnapshotChunk::Cell::Text;
        cell.number = start;
        cell.size = arena.size() - start;
        return true;
    }

    bool readCell(CborIn &in, SnapshotChunk::Cell &cell)
    {
        CborIn::Head h;
        if (!in.head(h))
            return false;
        if (CborIn::isNull(h)) {
            cell = {};
            return true;
        }
        if (h.major == CborIn::Text)
            return readText(in, h, cell);
        const auto n = CborIn::number(h);
        if (!n)
            return false;
        cell.kind = SnapshotChunk::Cell::Number;
        cell.number = *n;
        return true;
    }

    bool readRows(CborIn &in, const CborIn::Head &rows, std::vector<SnapshotChunk::Cell> &cells, int columns)
    {
        if (rows.major != CborIn::Array)
            return false;
        // Each row takes at least one byte per column: a count beyond that is a lie.
        if (!rows.indefinite && rows.arg > quint64(in.left()))
            return false;
        if (!rows.indefinite)
            cells.reserve(cells.size()
                          + size_t(std::min<quint64>(rows.arg, quint64(in.left()) / quint64(columns + 1)))
                              * size_t(columns));
        for (quint64 r = 0; rows.indefinite ? !in.takeBreak() : r < rows.arg; ++r) {
            CborIn::Head row;
            if (!in.head(row) || row.major != CborIn::Array)
                return false;
            if (!row.indefinite && row.arg != quint64(columns))
                return false;
            for (int c = 0; c < columns; ++c) {
                SnapshotChunk::Cell cell;
                if (!readCell(in, cell))
                    return false;
                cells.push_back(cell);
            }
            if (row.indefinite && !in.takeBreak())
                return false;
        }
        return true;
    }

    static std::optional<QStringList> readNames(CborIn &in, const CborIn::Head &list)
    {
        if (list.major != CborIn::Array || (!list.indefinite && list.arg > 1000))
            return std::nullopt;
        QStringList out;
        for (quint64 i = 0; list.indefinite ? !in.takeBreak() : i < list.arg; ++i) {
            CborIn::Head h;
            QByteArray name;
            if (out.size() > 1000 || !in.head(h) || !in.text(h, name) || !validUtf8(name.constData(), name.size()))
                return std::nullopt;
            out << QString::fromUtf8(name);
        }
        return out;
    }

    bool readUsers(CborIn &in, const CborIn::Head &list)
    {
        if (list.major != CborIn::Array || (!list.indefinite && list.arg > quint64(in.left())))
            return false;
        for (quint64 i = 0; list.indefinite ? !in.takeBreak() : i < list.arg; ++i) {
            CborIn::Head row;
            if (!in.head(row) || row.major != CborIn::Array || (!row.indefinite && row.arg > 100))
                return false;
            QJsonArray user;
            for (quint64 k = 0; row.indefinite ? !in.takeBreak() : k < row.arg; ++k) {
                CborIn::Head h;
                if (user.size() > 100 || !in.head(h))
                    return false;
                if (h.major == CborIn::Text) {
                    QByteArray utf8;
                    if (!in.text(h, utf8) || !validUtf8(utf8.constData(), utf8.size()))
                        return false;
                    user.append(QString::fromUtf8(utf8));
                } else if (CborIn::isBool(h)) {
                    user.append(h.minor == 21);
                } else if (CborIn::isNull(h)) {
                    user.append(QJsonValue::Null);
                } else if (const auto n = CborIn::number(h); n && h.major != CborIn::Simple) {
                    user.append(*n);
                } else {
                    return false;
                }
            }
            m_chunk.users.append(user);
        }
        return true;
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
