// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/leadstatus.h"
#include "domain/result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Leads {

// How the columns of an import file become lead fields and custom attributes.
class ImportMapping
{
public:
    enum class Field {
        Ignore,
        Name,
        Phone,
        Email,
        Company,
        Source,
        Status,
        ManualScore,
        Assignee,
        CreatedAt,
        Notes,
        Attribute, // a custom attribute named after the column
        Campaign,
        FollowUp,
    };
    enum class AttributeType { Text, Number, Category };
    enum class DuplicatePolicy {
        Skip,         // a row whose contact has an active lead is skipped
        UpdateActive, // … or updates that lead (name, company, notes, score, attributes)
        AlwaysCreate, // … or is created anyway when it is a closed (final) lead; see docs
    };

    struct Column
    {
        Field field = Field::Ignore;
        QString attributeKey;
        AttributeType attributeType = AttributeType::Text;
    };

    QList<Column> columns;
    QHash<QString, LeadStatus> statusValues; // file value (lower-case) → status, e.g. "1" → converted
    DuplicatePolicy duplicates = DuplicatePolicy::Skip;
    QString defaultSource = QStringLiteral("import");

    static QString fieldId(Field field);
    static std::optional<Field> fieldFromId(QStringView id);
    static QString fieldLabel(Field field);
    static QString attributeTypeId(AttributeType type);
    static QString policyId(DuplicatePolicy policy);

    // A first guess from the header names (English, Spanish, French, German, Portuguese,
    // Italian synonyms); every unknown column becomes a text attribute, typed from samples.
    static ImportMapping guess(const QStringList &header, const QList<QStringList> &sampleRows = {});
    // Detects number / category / text from sample values of one column.
    static AttributeType detectType(const QStringList &values);

    QJsonObject toJson(const QStringList &header) const;
    // Columns may be named by header text or by 0-based index ("#3").
    static Result<ImportMapping> fromJson(const QJsonObject &json, const QStringList &header);
};

} // namespace Leads
