// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "leadstatus.h"
#include "result.h"

#include <QList>
#include <QString>

namespace Leads {

// Who a lead belongs to: a phone number in E.164 and/or an e-mail address. Two leads are
// the same contact when either matches.
class ContactIdentity
{
public:
    // Normalises a phone number typed in any common way ("+34 612 34 56 78", "0034-612…",
    // "(0)612 345 678", full-width or Arabic-Indic digits) to E.164 ("+34612345678").
    // `defaultCountry` is an ISO 3166 code ("ES") or a calling code ("+34", "34") used for
    // national numbers. An empty input gives an empty result.
    static Result<QString> normalizePhone(const QString &raw, const QString &defaultCountry);
    // Trims and lower-cases; refuses what is plainly not an address.
    static Result<QString> normalizeEmail(const QString &raw);
    // The calling code for an ISO country or "+NN" text, or an empty string when unknown.
    static QString callingCode(const QString &country);

    static Result<ContactIdentity> make(const QString &phone, const QString &email,
                                        const QString &defaultCountry);

    const QString &phone() const { return m_phone; }
    const QString &email() const { return m_email; }
    bool isEmpty() const { return m_phone.isEmpty() && m_email.isEmpty(); }
    bool matches(const ContactIdentity &other) const;

private:
    QString m_phone;
    QString m_email;
};

// The one-active-lead-per-contact rule: where a new interaction of a known contact goes.
class ActiveLeadRule
{
public:
    struct KnownLead
    {
        QString id;
        LeadStatus status;
    };
    enum class Action {
        AppendToActive,   // the contact has an active lead: the interaction joins its timeline
        NewLeadSameContact, // the contact's leads are all final: a new lead, same contact
        NewLeadNewContact,  // a contact we have never seen
    };
    struct Decision
    {
        Action action;
        QString leadId; // the active lead for AppendToActive
    };

    // `contactKnown` tells a known contact without leads from an unknown one.
    static Decision decide(bool contactKnown, const QList<KnownLead> &leadsOfContact);
    // For manual creation: refuse a second active lead, naming the existing one.
    static Outcome checkCreate(const QList<KnownLead> &leadsOfContact);
};

} // namespace Leads
