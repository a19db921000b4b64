// SPDX-License-Identifier: GPL-3.0-or-later
#include "contactidentity.h"

#include <QCoreApplication>
#include <QHash>

namespace Leads {

namespace {
// lupdate files these calls under the class whose member makes them (Leads::ContactIdentity), or
// under the namespace when a free function makes them: look in both.
QString tr(const char *text)
{
    const QString translated = QCoreApplication::translate("Leads::ContactIdentity", text);
    return translated != QLatin1String(text) ? translated : QCoreApplication::translate("Leads", text);
}

// Calling codes of the countries a default may name. Countries whose national numbers keep
// their leading zero (Italy, San Marino, Vatican) are flagged.
struct Country
{
    const char *iso;
    const char *code;
    bool keepsTrunkZero;
};
constexpr Country kCountries[] = {
    {"US", "1", false},   {"CA", "1", false},   {"GB", "44", false},  {"IE", "353", false},
    {"ES", "34", false},  {"PT", "351", false}, {"FR", "33", false},  {"DE", "49", false},
    {"AT", "43", false},  {"CH", "41", false},  {"IT", "39", true},   {"SM", "378", true},
    {"VA", "39", true},   {"NL", "31", false},  {"BE", "32", false},  {"LU", "352", false},
    {"DK", "45", false},  {"SE", "46", false},  {"NO", "47", false},  {"FI", "358", false},
    {"PL", "48", false},  {"CZ", "420", false}, {"SK", "421", false}, {"HU", "36", false},
    {"RO", "40", false},  {"BG", "359", false}, {"GR", "30", false},  {"TR", "90", false},
    {"RU", "7", false},   {"UA", "380", false}, {"IL", "972", false}, {"AE", "971", false},
    {"SA", "966", false}, {"EG", "20", false},  {"MA", "212", false}, {"NG", "234", false},
    {"KE", "254", false}, {"ZA", "27", false},  {"IN", "91", false},  {"PK", "92", false},
    {"ID", "62", false},  {"MY", "60", false},  {"SG", "65", false},  {"PH", "63", false},
    {"TH", "66", false},  {"VN", "84", false},  {"CN", "86", false},  {"JP", "81", false},
    {"KR", "82", false},  {"AU", "61", false},  {"NZ", "64", false},  {"MX", "52", false},
    {"BR", "55", false},  {"AR", "54", false},  {"CL", "56", false},  {"CO", "57", false},
    {"PE", "51", false},
};

const Country *findCountry(const QString &country)
{
    const QString iso = country.trimmed().toUpper();
    for (const Country &c : kCountries) {
        if (iso == QLatin1String(c.iso))
            return &c;
    }
    return nullptr;
}
} // namespace

QString ContactIdentity::callingCode(const QString &country)
{
    const QString text = country.trimmed();
    if (const Country *c = findCountry(text))
        return QString::fromLatin1(c->code);
    const QString given = text.startsWith(u'+') ? text.mid(1) : text;
    if (!given.isEmpty() && given.size() <= 3) {
        // Digits of any script, as ASCII: the code goes into an E.164 number.
        QString digits;
        for (QChar ch : given) {
            if (!ch.isDigit())
                return {};
            digits.append(QChar(u'0' + ch.digitValue()));
        }
        if (digits.front() != u'0')
            return digits;
    }
    return {};
}

Result<QString> ContactIdentity::normalizePhone(const QString &raw, const QString &defaultCountry)
{
    const QString text = raw.trimmed();
    if (text.isEmpty())
        return QString();

    // Keep digits of any script as ASCII; allow the usual separators; refuse anything else.
    QString digits;
    bool plus = false;
    bool sawDigit = false;
    for (QChar ch : text) {
        if (ch.isDigit()) {
            digits.append(QChar(u'0' + ch.digitValue()));
            sawDigit = true;
        } else if ((ch == u'+' || ch == u'\uFF0B') && !sawDigit && !plus) {
            plus = true;
        } else if (ch.isSpace() || ch == u'-' || ch == u'.' || ch == u'(' || ch == u')'
                   || ch == u'/' || ch == u'\u2010' || ch == u'\u2011' || ch == u'\u2012'
                   || ch == u'\u2013' || ch == u'\u2212' || ch == u'\u00A0') {
            continue;
        } else {
            return Error(ErrorCode::InvalidInput,
                         tr("\"%1\" is not a phone number: only digits, spaces, dashes, dots, "
                            "brackets and a leading + are allowed.")
                             .arg(raw));
        }
    }
    // "(0)" inside an international number ("+44 (0)20 …") is a national trunk hint.
    const QString compact = QString(text).remove(u' ');
    const qsizetype trunk = compact.indexOf(QStringLiteral("(0)"));
    if (plus && trunk > 0) {
        // Count the digits before "(0)" and drop the zero that follows them.
        qsizetype before = 0;
        for (qsizetype i = 0; i < trunk; ++i)
            before += compact.at(i).isDigit() ? 1 : 0;
        if (before < digits.size() && digits.at(before) == u'0')
            digits.remove(before, 1);
    }

    QString international;
    if (plus) {
        international = digits;
    } else if (digits.startsWith(QStringLiteral("00"))) {
        international = digits.mid(2);
    } else if (digits.startsWith(QStringLiteral("011")) && callingCode(defaultCountry) == u"1") {
        international = digits.mid(3);
    } else {
        const QString code = callingCode(defaultCountry);
        if (code.isEmpty())
            return Error(ErrorCode::InvalidInput,
                         tr("\"%1\" has no country code and no default country is set; "
                            "write it as +<country code> <number>.")
                             .arg(raw));
        const Country *c = findCountry(defaultCountry);
        QString national = digits;
        const bool keepZero = c && c->keepsTrunkZero;
        if (!keepZero && code == u"1" && national.size() == 11 && national.startsWith(u'1'))
            national.remove(0, 1);
        else if (!keepZero && national.startsWith(u'0'))
            national.remove(0, 1);
        international = code + national;
    }
    if (international.startsWith(u'0'))
        return Error(ErrorCode::InvalidInput,
                     tr("\"%1\" is not a valid international number: a country code never "
                        "starts with 0.")
                         .arg(raw));
    if (international.size() < 7 || international.size() > 15)
        return Error(ErrorCode::InvalidInput,
                     tr("\"%1\" has %2 digits; a phone number with its country code has 7 to 15.")
                         .arg(raw)
                         .arg(international.size()));
    return QString(u'+' + international);
}

Result<QString> ContactIdentity::normalizeEmail(const QString &raw)
{
    const QString email = raw.trimmed().toLower();
    if (email.isEmpty())
        return QString();
    const qsizetype at = email.indexOf(u'@');
    const bool valid = at > 0 && at == email.lastIndexOf(u'@') && at < email.size() - 1
                       && !email.contains(u' ') && email.indexOf(u'.', at) > at + 1
                       && !email.endsWith(u'.') && email.size() <= 254;
    if (!valid)
        return Error(ErrorCode::InvalidInput,
                     tr("\"%1\" is not an e-mail address (expected name@example.com).").arg(raw));
    return email;
}

Result<ContactIdentity> ContactIdentity::make(const QString &phone, const QString &email,
                                              const QString &defaultCountry)
{
    auto p = normalizePhone(phone, defaultCountry);
    if (!p)
        return p.error();
    auto e = normalizeEmail(email);
    if (!e)
        return e.error();
    ContactIdentity id;
    id.m_phone = p.value();
    id.m_email = e.value();
    return id;
}

bool ContactIdentity::matches(const ContactIdentity &other) const
{
    return (!m_phone.isEmpty() && m_phone == other.m_phone)
           || (!m_email.isEmpty() && m_email == other.m_email);
}

ActiveLeadRule::Decision ActiveLeadRule::decide(bool contactKnown,
                                                const QList<KnownLead> &leadsOfContact)
{
    for (const KnownLead &lead : leadsOfContact) {
        if (!Status::isFinal(lead.status))
            return {Action::AppendToActive, lead.id};
    }
    if (contactKnown || !leadsOfContact.isEmpty())
        return {Action::NewLeadSameContact, {}};
    return {Action::NewLeadNewContact, {}};
}

Outcome ActiveLeadRule::checkCreate(const QList<KnownLead> &leadsOfContact)
{
    for (const KnownLead &lead : leadsOfContact) {
        if (!Status::isFinal(lead.status))
            return Error(ErrorCode::DuplicateActiveLead,
                         tr("This contact already has an active lead (%1). Open it instead of "
                            "creating a second one.")
                             .arg(Status::label(lead.status)),
                         lead.id);
    }
    return {};
}

} // namespace Leads
