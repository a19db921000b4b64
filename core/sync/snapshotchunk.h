// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonArray>
#include <QString>

#include <vector>

class QJsonObject;

namespace Leads {

// One chunk of the first download (GET /v1/sync/snapshot), decoded for writing: every
// text of every row lives in one UTF-8 arena and the rows are flat arrays of cells, so a
// chunk of 2,000 leads and their timelines costs a handful of allocations instead of one
// per value, and the writer binds the bytes straight into SQLite.
//
// The server answers in CBOR when asked (the client always asks) and in JSON otherwise;
// both read into this one shape, checked the same way: the column lists must be exactly
// the ones this version reads, every row has every column, every cell is null, an
// integer or valid UTF-8 text.
class SnapshotChunk
{
public:
    struct Cell {
        enum Kind : quint8 { Null, Number, Text };
        Kind kind = Null;
        qint64 number = 0;  // Number: the value; Text: offset in the arena
        qsizetype size = 0; // Text: length in bytes
    };

    static constexpr int kLeadColumns = 26;
    static constexpr int kInteractionColumns = 9;
    // The column order this client reads; a server that sends another order (a newer
    // format) is refused rather than misread.
    static const QStringList &leadColumns();
    static const QStringList &interactionColumns();

    static Result<SnapshotChunk> fromCbor(QByteArrayView cbor);
    static Result<SnapshotChunk> fromJson(const QJsonObject &answer);

    QString epoch;
    QString cursor;    // where the ordinary pull continues once the snapshot is complete
    qint64 upTo = 0;   // the change number that cursor stands for
    qint64 total = -1; // leads in the whole snapshot (first chunk only)
    QJsonArray users;  // [id, username, displayName, role, active, changeSeq] each
    QString next;      // the last lead id of this chunk, when more follow
    bool hasMore = false;

    qsizetype leadCount() const { return qsizetype(m_leads.size()) / kLeadColumns; }
    qsizetype interactionCount() const { return qsizetype(m_interactions.size()) / kInteractionColumns; }
    const Cell &lead(qsizetype row, int column) const { return m_leads[size_t(row * kLeadColumns + column)]; }
    const Cell &interaction(qsizetype row, int column) const
    {
        return m_interactions[size_t(row * kInteractionColumns + column)];
    }
    // The bytes of a text cell (empty for null and numbers); valid while the chunk lives.
    QByteArrayView text(const Cell &cell) const
    {
        return cell.kind == Cell::Text ? QByteArrayView(m_arena.constData() + cell.number, cell.size)
                                       : QByteArrayView("", 0);
    }

private:
    friend class SnapshotDecoder;
    QByteArray m_arena;
    std::vector<Cell> m_leads;
    std::vector<Cell> m_interactions;
};

} // namespace Leads
