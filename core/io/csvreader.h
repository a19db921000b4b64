// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

class QIODevice;

namespace Leads {

// Reads delimited text the way people actually produce it: detects the encoding (UTF-8
// with or without BOM, UTF-16 LE/BE with BOM, otherwise Windows-1252 when the bytes are
// not valid UTF-8), the delimiter (comma, semicolon, tab, pipe) and quoting; handles
// quoted fields with delimiters, doubled quotes and embedded newlines. Streams from the
// device, so a file of any size is read in constant memory; a single field or record
// larger than the limit is an error, not an out-of-memory.
class CsvReader
{
public:
    enum class Encoding { Utf8, Utf8Bom, Utf16LE, Utf16BE, Windows1252 };
    static QString encodingName(Encoding encoding);

    struct Format
    {
        Encoding encoding = Encoding::Utf8;
        QChar delimiter = u',';
    };

    static constexpr qsizetype kDefaultMaxRecordBytes = 1024 * 1024;

    explicit CsvReader(QIODevice *device, qsizetype maxRecordBytes = kDefaultMaxRecordBytes);
    ~CsvReader();
    CsvReader(const CsvReader &) = delete;
    CsvReader &operator=(const CsvReader &) = delete;

    // Looks at the start of the file and fixes the format; call before readRecord.
    // Fails on an empty file.
    Result<Format> detect();
    void setFormat(const Format &format);
    const Format &format() const { return m_format; }

    // Next record; false at the end. An error (record too large, invalid data) is
    // returned once and stops reading.
    Result<bool> readRecord(QStringList *fields);
    // 1-based line where the last record returned started (for error reports).
    qint64 recordLine() const { return m_recordLine; }
    // Bytes consumed so far (for progress).
    qint64 bytesRead() const;

private:
    bool fill();
    QChar peekChar(qsizetype ahead = 0);
    bool atEnd();

    QIODevice *m_device;
    qsizetype m_maxRecordBytes;
    Format m_format;
    struct Decoder;
    std::unique_ptr<Decoder> m_decoder;
    QString m_buffer;
    qsizetype m_pos = 0;
    qint64 m_line = 1;
    qint64 m_recordLine = 1;
    bool m_eof = false;
    bool m_started = false;
    QByteArray m_head; // bytes read during detection, replayed to the decoder
};

} // namespace Leads
