// SPDX-License-Identifier: GPL-3.0-or-later
#include "ids.h"

#include <QDateTime>
#include <QRandomGenerator>

namespace Leads {

QByteArray newIdUtf8()
{
    const quint64 ms = quint64(QDateTime::currentMSecsSinceEpoch());
    quint64 r[2];
    QRandomGenerator::global()->fillRange(r);
    uchar b[16];
    for (int i = 0; i < 6; ++i)
        b[i] = uchar(ms >> (40 - 8 * i));
    for (int i = 6; i < 16; ++i)
        b[i] = uchar(r[(i - 6) / 8] >> (8 * ((i - 6) % 8)));
    b[6] = uchar(0x70 | (b[6] & 0x0F)); // version 7
    b[8] = uchar(0x80 | (b[8] & 0x3F)); // RFC 4122 variant
    static const char hex[] = "0123456789abcdef";
    QByteArray out(36, Qt::Uninitialized);
    char *p = out.data();
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *p++ = '-';
        *p++ = hex[b[i] >> 4];
        *p++ = hex[b[i] & 0xF];
    }
    return out;
}

void appendJsonString(QByteArray &out, QStringView text)
{
    const QByteArray utf8 = text.toUtf8();
    out.reserve(out.size() + utf8.size() + 2);
    out.append('"');
    for (char c : utf8) {
        switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default:
            if (uchar(c) < 0x20) {
                static const char hex[] = "0123456789abcdef";
                out.append("\\u00");
                out.append(hex[uchar(c) >> 4]);
                out.append(hex[uchar(c) & 0xF]);
            } else {
                out.append(c);
            }
        }
    }
    out.append('"');
}

} // namespace Leads
