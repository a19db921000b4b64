// SPDX-License-Identifier: GPL-3.0-or-later
// The wire format of the first download's chunks: the same chunk in CBOR and in JSON reads
// the same, and hostile or broken bodies (cut at any byte, wrong types, invalid UTF-8,
// huge numbers, deep nesting, another column order) are refused with a clear error and
// never crash or half-read.
#include "testsupport.h"

#include "sync/snapshotchunk.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QJsonArray>
#include <QJsonObject>

using Leads::SnapshotChunk;

namespace {

QCborArray names(const QStringList &list)
{
    QCborArray a;
    for (const QString &n : list)
        a.append(n);
    return a;
}

QCborArray leadRow(const QString &id, const QString &name)
{
    QCborArray r;
    for (int i = 0; i < SnapshotChunk::kLeadColumns; ++i)
        r.append(QCborValue(nullptr));
    r[0] = id;
    r[1] = QString(QStringLiteral("c-") + id);
    r[5] = name;
    r[6] = QStringLiteral("Kaffeerösterei Ünal"); // non-ASCII text survives both encodings
    r[12] = QStringLiteral("contacted");
    r[13] = 3;
    r[16] = 87;
    r[20] = qint64(1'700'000'000'000);
    return r;
}

QCborMap sampleChunk()
{
    QCborArray timeline;
    QCborArray note;
    for (const QCborValue &v : {QCborValue(QStringLiteral("i-1")), QCborValue(QStringLiteral("a")),
                                QCborValue(QStringLiteral("note")), QCborValue(qint64(1'700'000'000'500)),
                                QCborValue(nullptr), QCborValue(QStringLiteral("Ana")),
                                QCborValue(QStringLiteral("Called, wants 😀 a demo")), QCborValue(QStringLiteral("{}")),
                                QCborValue(42)})
        note.append(v);
    timeline.append(note);
    QCborArray users;
    users.append(QCborArray {QStringLiteral("u1"), QStringLiteral("ana"), QStringLiteral("Ana"),
                             QStringLiteral("agent"), true, 7});
    QCborMap m;
    m[QStringLiteral("epoch")] = QStringLiteral("E1");
    m[QStringLiteral("upTo")] = 99;
    m[QStringLiteral("cursor")] = QStringLiteral("CUR");
    m[QStringLiteral("users")] = users;
    m[QStringLiteral("total")] = 2;
    m[QStringLiteral("leadColumns")] = names(SnapshotChunk::leadColumns());
    m[QStringLiteral("leads")] = QCborArray {leadRow(QStringLiteral("a"), QStringLiteral("Ana Lima")),
                                             leadRow(QStringLiteral("b"), QStringLiteral("Bo Chen"))};
    m[QStringLiteral("interactionColumns")] = names(SnapshotChunk::interactionColumns());
    m[QStringLiteral("interactions")] = timeline;
    m[QStringLiteral("next")] = QStringLiteral("b");
    m[QStringLiteral("hasMore")] = true;
    return m;
}

QString text(const SnapshotChunk &c, const SnapshotChunk::Cell &cell)
{
    return QString::fromUtf8(c.text(cell));
}

void requireSample(const SnapshotChunk &c)
{
    CHECK(c.epoch == u"E1");
    CHECK(c.cursor == u"CUR");
    CHECK(c.upTo == 99);
    CHECK(c.total == 2);
    CHECK(c.next == u"b");
    CHECK(c.hasMore);
    REQUIRE(c.users.size() == 1);
    CHECK(c.users.at(0).toArray().at(1).toString() == u"ana");
    REQUIRE(c.leadCount() == 2);
    CHECK(text(c, c.lead(1, 0)) == u"b");
    CHECK(text(c, c.lead(1, 5)) == u"Bo Chen");
    CHECK(text(c, c.lead(0, 6)) == u"Kaffeerösterei Ünal");
    CHECK(c.lead(0, 13).kind == SnapshotChunk::Cell::Number);
    CHECK(c.lead(0, 13).number == 3);
    CHECK(c.lead(0, 20).number == 1'700'000'000'000);
    CHECK(c.lead(0, 14).kind == SnapshotChunk::Cell::Null);
    REQUIRE(c.interactionCount() == 1);
    CHECK(text(c, c.interaction(0, 6)) == u"Called, wants 😀 a demo");
    CHECK(c.interaction(0, 4).kind == SnapshotChunk::Cell::Null);
    CHECK(c.interaction(0, 8).number == 42);
}

QString refusal(const QByteArray &cbor)
{
    auto decoded = SnapshotChunk::fromCbor(cbor);
    return decoded ? QString() : decoded.error().detail();
}

} // namespace

TEST_CASE("A snapshot chunk reads the same from CBOR and from JSON", "[snapshot][format]")
{
    const QCborMap chunk = sampleChunk();
    auto fromCbor = SnapshotChunk::fromCbor(QCborValue(chunk).toCbor());
    REQUIRE(fromCbor);
    requireSample(fromCbor.value());
    auto fromJson = SnapshotChunk::fromJson(chunk.toJsonObject());
    REQUIRE(fromJson);
    requireSample(fromJson.value());

    // Fields a newer server adds are skipped; "hasMore" without "next" is the end.
    QCborMap newer = chunk;
    newer[QStringLiteral("compression")] = QCborMap {{QStringLiteral("deep"), QCborArray {1, 2, QCborArray {3}}}};
    newer.remove(QStringLiteral("next"));
    auto read = SnapshotChunk::fromCbor(QCborValue(newer).toCbor());
    REQUIRE(read);
    CHECK_FALSE(read.value().hasMore);
}

TEST_CASE("A snapshot chunk cut at any byte is refused, never half read", "[snapshot][format]")
{
    const QByteArray whole = QCborValue(sampleChunk()).toCbor();
    REQUIRE(SnapshotChunk::fromCbor(whole));
    for (qsizetype n = 0; n < whole.size(); ++n) {
        INFO("cut after " << n << " of " << whole.size() << " bytes");
        CHECK_FALSE(SnapshotChunk::fromCbor(whole.left(n)));
    }
}

TEST_CASE("Hostile snapshot chunks are refused with a reason", "[snapshot][format]")
{
    auto with = [](const QString &key, const QCborValue &value) {
        QCborMap m = sampleChunk();
        m[key] = value;
        return QCborValue(m).toCbor();
    };
    auto withLead = [&](int column, const QCborValue &value) {
        QCborArray row = leadRow(QStringLiteral("a"), QStringLiteral("x"));
        row[column] = value;
        return with(QStringLiteral("leads"), QCborArray {row});
    };

    // Another column order or a missing list is a format this version does not read.
    QStringList swapped = SnapshotChunk::leadColumns();
    swapped.swapItemsAt(5, 6);
    CHECK(refusal(with(QStringLiteral("leadColumns"), names(swapped))) == u"snapshot_format");
    QCborMap noColumns = sampleChunk();
    noColumns.remove(QStringLiteral("interactionColumns"));
    CHECK(refusal(QCborValue(noColumns).toCbor()) == u"snapshot_format");

    // Rows of the wrong width or cells of the wrong type.
    QCborArray shortRow = leadRow(QStringLiteral("a"), QStringLiteral("x"));
    shortRow.removeLast();
    CHECK(refusal(with(QStringLiteral("leads"), QCborArray {shortRow})) == u"snapshot_malformed");
    QCborArray longRow = leadRow(QStringLiteral("a"), QStringLiteral("x"));
    longRow.append(1);
    CHECK(refusal(with(QStringLiteral("leads"), QCborArray {longRow})) == u"snapshot_malformed");
    CHECK(refusal(withLead(5, QCborMap {{1, 2}})) == u"snapshot_malformed");
    CHECK(refusal(withLead(5, true)) == u"snapshot_malformed");
    CHECK(refusal(withLead(5, QByteArray("bytes, not text"))) == u"snapshot_malformed");
    CHECK(refusal(with(QStringLiteral("leads"), QStringLiteral("not rows"))) == u"snapshot_malformed");
    CHECK(refusal(with(QStringLiteral("upTo"), QStringLiteral("99"))) == u"snapshot_malformed");

    // Numbers that do not fit an integer (no undefined conversion), and NaN.
    CHECK(refusal(withLead(13, 1e300)) == u"snapshot_malformed");
    CHECK(refusal(withLead(13, qQNaN())) == u"snapshot_malformed");
    auto fine = SnapshotChunk::fromCbor(withLead(13, 12.0));
    REQUIRE(fine);
    CHECK(fine.value().lead(0, 13).number == 12);
    // The same number as a half and a single float (RFC 8949 lets an encoder pick).
    for (const QByteArray &encoded : {QByteArray::fromHex("f94a00"), QByteArray::fromHex("fa41400000")}) {
        QByteArray cbor = withLead(13, 77); // 0x18 0x4d
        const qsizetype at = cbor.indexOf(QByteArray::fromHex("184d"));
        REQUIRE(at > 0);
        cbor.replace(at, 2, encoded);
        auto read = SnapshotChunk::fromCbor(cbor);
        REQUIRE(read);
        CHECK(read.value().lead(0, 13).number == 12);
    }
    // A row count far beyond what the body holds is refused before anything is reserved.
    QByteArray liar = with(QStringLiteral("leads"), QCborArray {});
    const qsizetype emptyRows = liar.indexOf(QByteArray::fromHex("656c6561647380")); // "leads", []
    REQUIRE(emptyRows > 0);
    liar.replace(emptyRows + 6, 1, QByteArray::fromHex("9b0fffffffffffffff"));
    CHECK(refusal(liar) == u"snapshot_malformed");

    // Text that is not UTF-8 (an overlong encoding, a lone surrogate, a cut sequence).
    for (const QByteArray &bad : {QByteArray("\xC0\xAF"), QByteArray("\xED\xA0\x80"), QByteArray("ab\xE2\x82")}) {
        QByteArray cbor = withLead(5, QStringLiteral("@@@@"));
        const qsizetype at = cbor.indexOf("@@@@");
        REQUIRE(at > 0);
        // Same length, so the CBOR header still fits: pad the bad bytes with ASCII.
        QByteArray replacement = bad.leftJustified(4, 'z');
        cbor.replace(at, 4, replacement);
        CHECK(refusal(cbor) == u"snapshot_malformed");
    }

    // Not a map, empty, garbage, and very deep nesting under an unknown key.
    CHECK(refusal(QCborValue(QCborArray {1, 2}).toCbor()) == u"snapshot_malformed");
    CHECK(refusal(QByteArray()) == u"snapshot_malformed");
    CHECK(refusal(QByteArray("\xff\xff\xff garbage")) == u"snapshot_malformed");
    // The chunk as an indefinite-length map, then with one more key whose value nests
    // 200,000 arrays.
    QByteArray nested = QByteArray(1, char(0x63)) + "zzz" + QByteArray(200000, char(0x81)) + char(0x00);
    const QCborMap open = sampleChunk();
    QByteArray indefinite = QByteArray(1, char(0xBF));
    for (auto it = open.cbegin(); it != open.cend(); ++it)
        indefinite += it.key().toCbor() + it.value().toCbor();
    CHECK(SnapshotChunk::fromCbor(QByteArray(indefinite + char(0xFF))));
    CHECK(refusal(QByteArray(indefinite + nested + char(0xFF))) == u"snapshot_malformed");
}
