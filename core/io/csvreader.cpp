// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvreader.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QStringDecoder>

#include <array>

namespace Leads {

namespace {
// lupdate files these calls under the class whose member makes them (Leads::CsvReader), or
// under the namespace when a free function makes them: look in both.
QString tr(const char *text)
{
    const QString translated = QCoreApplication::translate("Leads::CsvReader", text);
    return translated != QLatin1String(text) ? translated : QCoreApplication::translate("Leads", text);
}

constexpr qsizetype kChunk = 256 * 1024;
constexpr qsizetype kHead = 64 * 1024;

// Windows-1252 differs from Latin-1 only in 0x80–0x9F.
constexpr std::array<char16_t, 32> kCp1252High = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

bool isValidUtf8(QByteArrayView bytes)
{
    // A multi-byte sequence cut at the end of the sample is not an error.
    qsizetype end = bytes.size();
    for (qsizetype back = 1; back <= 3 && back <= end; ++back) {
        const uchar c = uchar(bytes[end - back]);
        if ((c & 0xC0) == 0xC0) {
            end -= back;
            break;
        }
        if ((c & 0x80) == 0)
            break;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(bytes.first(end));
    return !decoder.hasError();
}

QChar sniffDelimiter(const QString &sample)
{
    const QChar candidates[] = {u',', u';', u'\t', u'|'};
    QChar best = u',';
    int bestScore = 0;
    for (QChar d : candidates) {
        // Count per line outside quotes; a delimiter that appears the same number of times
        // on every line is the one.
        QList<int> counts;
        int count = 0;
        bool quoted = false;
        for (QChar c : sample) {
            if (c == u'"')
                quoted = !quoted;
            else if (!quoted && c == d)
                ++count;
            else if (!quoted && c == u'\n') {
                counts.append(count);
                count = 0;
                if (counts.size() >= 20)
                    break;
            }
        }
        if (count > 0 || counts.isEmpty())
            counts.append(count);
        if (counts.isEmpty())
            continue;
        const int first = counts.first();
        int consistent = 0;
        for (int n : counts)
            consistent += (n == first && n > 0) ? 1 : 0;
        const int score = consistent * 100 + first;
        if (first > 0 && score > bestScore) {
            bestScore = score;
            best = d;
        }
    }
    return best;
}
} // namespace

struct CsvReader::Decoder
{
    explicit Decoder(Encoding e) : encoding(e)
    {
        switch (e) {
        case Encoding::Utf8:
        case Encoding::Utf8Bom: utf = QStringDecoder(QStringDecoder::Utf8); break;
        case Encoding::Utf16LE: utf = QStringDecoder(QStringDecoder::Utf16LE); break;
        case Encoding::Utf16BE: utf = QStringDecoder(QStringDecoder::Utf16BE); break;
        case Encoding::Windows1252: break;
        }
    }
    QString decode(QByteArrayView bytes)
    {
        if (encoding != Encoding::Windows1252)
            return utf(bytes);
        QString out(bytes.size(), Qt::Uninitialized);
        QChar *p = out.data();
        for (char ch : bytes) {
            const uchar b = uchar(ch);
            *p++ = (b >= 0x80 && b <= 0x9F) ? QChar(kCp1252High[b - 0x80]) : QChar(char16_t(b));
        }
        return out;
    }
    Encoding encoding;
    QStringDecoder utf;
};

QString CsvReader::encodingName(Encoding encoding)
{
    switch (encoding) {
    case Encoding::Utf8: return QStringLiteral("UTF-8");
    case Encoding::Utf8Bom: return QStringLiteral("UTF-8 (BOM)");
    case Encoding::Utf16LE: return QStringLiteral("UTF-16 LE");
    case Encoding::Utf16BE: return QStringLiteral("UTF-16 BE");
    case Encoding::Windows1252: return QStringLiteral("Windows-1252");
    }
    return {};
}

CsvReader::CsvReader(QIODevice *device, qsizetype maxRecordBytes)
    : m_device(device), m_maxRecordBytes(maxRecordBytes)
{
}

CsvReader::~CsvReader() = default;

Result<CsvReader::Format> CsvReader::detect()
{
    m_head = m_device->read(kHead);
    if (m_head.isEmpty())
        return Error(ErrorCode::InvalidInput, tr("The file is empty."));
    Format f;
    qsizetype skip = 0;
    if (m_head.startsWith("\xEF\xBB\xBF")) {
        f.encoding = Encoding::Utf8Bom;
        skip = 3;
    } else if (m_head.startsWith("\xFF\xFE")) {
        f.encoding = Encoding::Utf16LE;
        skip = 2;
    } else if (m_head.startsWith("\xFE\xFF")) {
        f.encoding = Encoding::Utf16BE;
        skip = 2;
    } else if (m_head.size() >= 4 && m_head.at(0) != 0 && m_head.at(1) == 0 && m_head.at(3) == 0) {
        f.encoding = Encoding::Utf16LE; // UTF-16 without BOM, as some exports write it
    } else if (!isValidUtf8(m_head)) {
        f.encoding = Encoding::Windows1252;
    }
    m_head.remove(0, skip);
    Decoder sniff(f.encoding);
    f.delimiter = sniffDelimiter(sniff.decode(m_head));
    setFormat(f);
    return f;
}

void CsvReader::setFormat(const Format &format)
{
    m_format = format;
    m_decoder = std::make_unique<Decoder>(format.encoding);
}

qint64 CsvReader::bytesRead() const
{
    return m_device->pos();
}

bool CsvReader::fill()
{
    if (m_eof)
        return false;
    if (!m_decoder)
        setFormat(m_format);
    if (m_pos > kChunk) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
    QByteArray bytes;
    if (!m_started) {
        m_started = true;
        bytes = m_head;
        m_head.clear();
        if (bytes.isEmpty())
            bytes = m_device->read(kChunk);
    } else {
        bytes = m_device->read(kChunk);
    }
    if (bytes.isEmpty()) {
        m_eof = true;
        return false;
    }
    m_buffer.append(m_decoder->decode(bytes));
    return true;
}

QChar CsvReader::peekChar(qsizetype ahead)
{
    while (m_pos + ahead >= m_buffer.size()) {
        if (!fill())
            return QChar();
    }
    return m_buffer.at(m_pos + ahead);
}

bool CsvReader::atEnd()
{
    return m_pos >= m_buffer.size() && !fill();
}

Result<bool> CsvReader::readRecord(QStringList *fields)
{
    fields->clear();
    if (atEnd())
        return false;
    m_recordLine = m_line;
    QString field;
    bool quoted = false;
    qsizetype size = 0;
    const QChar delimiter = m_format.delimiter;
    auto tooLong = [&] {
        return Error(ErrorCode::InvalidInput, tr("The record on line %1 is longer than %2 MB; is this really a CSV file?")
                                                  .arg(m_recordLine)
                                                  .arg(m_maxRecordBytes / (1024 * 1024)));
    };
    for (;;) {
        if (m_pos >= m_buffer.size() && !fill()) {
            if (quoted)
                return Error(ErrorCode::InvalidInput,
                             tr("A quoted field that starts on line %1 is never closed.").arg(m_recordLine));
            fields->append(field);
            return true;
        }
        // Runs of ordinary characters are copied at once rather than one by one.
        {
            const char16_t *data = reinterpret_cast<const char16_t *>(m_buffer.constData());
            const qsizetype end = m_buffer.size();
            const char16_t delim = delimiter.unicode();
            qsizetype run = m_pos;
            if (quoted) {
                while (run < end && data[run] != u'"' && data[run] != u'\n')
                    ++run;
            } else {
                while (run < end && data[run] != delim && data[run] != u'"' && data[run] != u'\n'
                       && data[run] != u'\r')
                    ++run;
            }
            if (run > m_pos) {
                const qsizetype n = run - m_pos;
                if (size + n > m_maxRecordBytes)
                    return tooLong();
                size += n;
                field.append(m_buffer.constData() + m_pos, n);
                m_pos = run;
                continue;
            }
        }
        const QChar c = m_buffer.at(m_pos++);
        if (++size > m_maxRecordBytes)
            return tooLong();
        if (quoted) {
            if (c == u'"') {
                if (peekChar() == u'"') {
                    field.append(u'"');
                    ++m_pos;
                } else {
                    quoted = false;
                }
            } else {
                if (c == u'\n')
                    ++m_line;
                field.append(c);
            }
        } else if (c == delimiter) {
            fields->append(field);
            field.clear();
        } else if (c == u'"' && field.isEmpty()) {
            quoted = true;
        } else if (c == u'\r' || c == u'\n') {
            if (c == u'\r' && peekChar() == u'\n')
                ++m_pos;
            ++m_line;
            fields->append(field);
            return true;
        } else {
            field.append(c);
        }
    }
}

} // namespace Leads
