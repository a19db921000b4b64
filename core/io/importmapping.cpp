// SPDX-License-Identifier: GPL-3.0-or-later
#include "importmapping.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>

namespace Leads {

namespace {
// lupdate files these calls under the class whose member makes them (Leads::ImportMapping), or
// under the namespace when a free function makes them: look in both.
QString tr(const char *text)
{
    const QString translated = QCoreApplication::translate("Leads::ImportMapping", text);
    return translated != QLatin1String(text) ? translated : QCoreApplication::translate("Leads", text);
}

struct FieldInfo
{
    ImportMapping::Field field;
    const char *id;
    const char *label;
    const char *synonyms; // '|'-separated, lower-case, accents removed
};
const FieldInfo kFields[] = {
    {ImportMapping::Field::Ignore, "ignore", QT_TRANSLATE_NOOP("ImportMapping", "Ignore"), ""},
    {ImportMapping::Field::Name, "name", QT_TRANSLATE_NOOP("ImportMapping", "Name"),
     "name|full name|fullname|contact|contact name|lead|lead name|nombre|nom|name des kontakts|nome|customer|client|kunde"},
    {ImportMapping::Field::Phone, "phone", QT_TRANSLATE_NOOP("ImportMapping", "Phone"),
     "phone|phone number|mobile|mobile phone|cell|tel|telephone|telefono|movil|telephone portable|telefon|handy|telefone|celular|whatsapp"},
    {ImportMapping::Field::Email, "email", QT_TRANSLATE_NOOP("ImportMapping", "E-mail"),
     "email|e-mail|mail|email address|e-mail address|correo|correo electronico|courriel|adresse e-mail|e-mail-adresse"},
    {ImportMapping::Field::Company, "company", QT_TRANSLATE_NOOP("ImportMapping", "Company"),
     "company|organisation|organization|account|business|empresa|entreprise|societe|firma|unternehmen|azienda"},
    {ImportMapping::Field::Source, "source", QT_TRANSLATE_NOOP("ImportMapping", "Source"),
     "source|lead source|channel|origen|fuente|origine|quelle|canal"},
    {ImportMapping::Field::Status, "status", QT_TRANSLATE_NOOP("ImportMapping", "Status"),
     "status|stage|lead status|pipeline stage|estado|etapa|statut|etape|phase|stato|converted|outcome"},
    {ImportMapping::Field::ManualScore, "manual_score", QT_TRANSLATE_NOOP("ImportMapping", "Manual score"),
     "score|lead score|manual score|rating|puntuacion|note du lead|bewertung|punteggio"},
    {ImportMapping::Field::Assignee, "assignee", QT_TRANSLATE_NOOP("ImportMapping", "Assignee"),
     "assignee|assigned to|owner|agent|sales rep|salesperson|responsable|asignado|zugewiesen|proprietaire|vendedor"},
    {ImportMapping::Field::CreatedAt, "created_at", QT_TRANSLATE_NOOP("ImportMapping", "Created date"),
     "created|created at|created date|creation date|date created|date|fecha|fecha de creacion|date de creation|erstellt|erstellt am|data"},
    {ImportMapping::Field::Notes, "notes", QT_TRANSLATE_NOOP("ImportMapping", "Notes"),
     "notes|note|comments|comment|description|notas|nota|commentaire|notizen|bemerkung|note interne"},
    {ImportMapping::Field::Campaign, "campaign", QT_TRANSLATE_NOOP("ImportMapping", "Campaign"),
     "campaign|broadcast|campaign name|campana|campagne|kampagne|campagna"},
    {ImportMapping::Field::FollowUp, "follow_up", QT_TRANSLATE_NOOP("ImportMapping", "Follow-up"),
     "follow-up|follow up|followup|follow-up date|next step|next contact|seguimiento|relance|wiedervorlage|richiamo"},
    {ImportMapping::Field::Attribute, "attribute", QT_TRANSLATE_NOOP("ImportMapping", "Custom attribute"), ""},
};

QString simplifyHeader(const QString &header)
{
    QString s = header.normalized(QString::NormalizationForm_D).toLower();
    QString out;
    for (QChar c : s) {
        if (c.isLetterOrNumber() || c == u' ' || c == u'-')
            out.append(c);
        else if (c == u'_' || c == u'.')
            out.append(u' ');
    }
    return out.simplified();
}

bool isNumber(const QString &v)
{
    bool ok = false;
    QString t = v.trimmed();
    t.replace(u',', u'.');
    t.toDouble(&ok);
    return ok;
}
} // namespace

QString ImportMapping::fieldId(Field field)
{
    for (const FieldInfo &f : kFields) {
        if (f.field == field)
            return QString::fromLatin1(f.id);
    }
    return {};
}

std::optional<ImportMapping::Field> ImportMapping::fieldFromId(QStringView id)
{
    for (const FieldInfo &f : kFields) {
        if (id == QLatin1String(f.id))
            return f.field;
    }
    return std::nullopt;
}

QString ImportMapping::fieldLabel(Field field)
{
    for (const FieldInfo &f : kFields) {
        if (f.field == field)
            return QCoreApplication::translate("ImportMapping", f.label);
    }
    return {};
}

QString ImportMapping::attributeTypeId(AttributeType type)
{
    switch (type) {
    case AttributeType::Text: return QStringLiteral("text");
    case AttributeType::Number: return QStringLiteral("number");
    case AttributeType::Category: return QStringLiteral("category");
    }
    return {};
}

QString ImportMapping::policyId(DuplicatePolicy policy)
{
    switch (policy) {
    case DuplicatePolicy::Skip: return QStringLiteral("skip");
    case DuplicatePolicy::UpdateActive: return QStringLiteral("update");
    case DuplicatePolicy::AlwaysCreate: return QStringLiteral("create");
    }
    return {};
}

ImportMapping::AttributeType ImportMapping::detectType(const QStringList &values)
{
    QStringList present;
    for (const QString &v : values) {
        if (!v.trimmed().isEmpty())
            present.append(v.trimmed());
    }
    if (present.isEmpty())
        return AttributeType::Text;
    if (std::all_of(present.cbegin(), present.cend(), isNumber))
        return AttributeType::Number;
    const QSet<QString> distinct(present.cbegin(), present.cend());
    if (distinct.size() <= 20 && distinct.size() * 2 <= present.size())
        return AttributeType::Category;
    return AttributeType::Text;
}

ImportMapping ImportMapping::guess(const QStringList &header, const QList<QStringList> &sampleRows)
{
    ImportMapping m;
    QSet<Field> used;
    QSet<QString> usedKeys;
    for (qsizetype i = 0; i < header.size(); ++i) {
        const QString simple = simplifyHeader(header.at(i));
        Column column;
        for (const FieldInfo &f : kFields) {
            if (f.synonyms[0] == 0 || used.contains(f.field))
                continue;
            const QStringList synonyms = QString::fromUtf8(f.synonyms).split(u'|');
            if (synonyms.contains(simple)) {
                column.field = f.field;
                break;
            }
        }
        // What the app computes itself (an export's last-activity column) is not data to
        // import; the user can still map it by hand.
        static const QStringList derived = {QStringLiteral("last activity"), QStringLiteral("last activity at"),
                                            QStringLiteral("updated"), QStringLiteral("updated at")};
        if (column.field == Field::Ignore && !simple.isEmpty() && !derived.contains(simple)) {
            column.field = Field::Attribute;
            // Two columns with the same header keep both values: "Tag", "Tag (2)".
            QString key = header.at(i).trimmed();
            for (int n = 2; usedKeys.contains(key.toLower()); ++n)
                key = header.at(i).trimmed() + QStringLiteral(" (%1)").arg(n);
            usedKeys.insert(key.toLower());
            column.attributeKey = key;
            QStringList values;
            for (const QStringList &row : sampleRows)
                values.append(i < row.size() ? row.at(i) : QString());
            column.attributeType = detectType(values);
        } else if (column.field != Field::Ignore) {
            used.insert(column.field);
        }
        m.columns.append(column);
    }
    // Common outcome encodings in exported CRMs.
    m.statusValues.insert(QStringLiteral("1"), LeadStatus::Converted);
    m.statusValues.insert(QStringLiteral("0"), LeadStatus::Lost);
    m.statusValues.insert(QStringLiteral("won"), LeadStatus::Converted);
    m.statusValues.insert(QStringLiteral("closed won"), LeadStatus::Converted);
    m.statusValues.insert(QStringLiteral("closed lost"), LeadStatus::Lost);
    m.statusValues.insert(QStringLiteral("open"), LeadStatus::New);
    return m;
}

QJsonObject ImportMapping::toJson(const QStringList &header) const
{
    QJsonArray cols;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        const Column &c = columns.at(i);
        QJsonObject o{{QStringLiteral("column"), i < header.size() ? header.at(i) : QStringLiteral("#%1").arg(i)},
                      {QStringLiteral("field"), fieldId(c.field)}};
        if (c.field == Field::Attribute) {
            o.insert(QStringLiteral("key"), c.attributeKey);
            o.insert(QStringLiteral("type"), attributeTypeId(c.attributeType));
        }
        cols.append(o);
    }
    QJsonObject statuses;
    for (auto it = statusValues.cbegin(); it != statusValues.cend(); ++it)
        statuses.insert(it.key(), Status::id(it.value()));
    return {{QStringLiteral("columns"), cols},
            {QStringLiteral("statusValues"), statuses},
            {QStringLiteral("duplicates"), policyId(duplicates)},
            {QStringLiteral("source"), defaultSource}};
}

Result<ImportMapping> ImportMapping::fromJson(const QJsonObject &json, const QStringList &header)
{
    ImportMapping m;
    m.columns.resize(header.size());
    const QJsonArray cols = json.value(QStringLiteral("columns")).toArray();
    for (const QJsonValue &v : cols) {
        const QJsonObject o = v.toObject();
        const QString name = o.value(QStringLiteral("column")).toString();
        qsizetype index = header.indexOf(name);
        if (index < 0 && name.startsWith(u'#'))
            index = name.mid(1).toInt();
        if (index < 0 || index >= header.size())
            return Error(ErrorCode::InvalidInput, tr("The mapping names a column \"%1\" that the file does not have.").arg(name));
        const auto field = fieldFromId(o.value(QStringLiteral("field")).toString());
        if (!field)
            return Error(ErrorCode::InvalidInput,
                         tr("Unknown field \"%1\" for column \"%2\".").arg(o.value(QStringLiteral("field")).toString(), name));
        Column &c = m.columns[index];
        c.field = *field;
        if (c.field == Field::Attribute) {
            c.attributeKey = o.value(QStringLiteral("key")).toString(header.at(index)).trimmed();
            const QString type = o.value(QStringLiteral("type")).toString(QStringLiteral("text"));
            c.attributeType = type == u"number" ? AttributeType::Number
                              : type == u"category" ? AttributeType::Category
                                                     : AttributeType::Text;
            if (c.attributeKey.isEmpty())
                return Error(ErrorCode::InvalidInput, tr("Column \"%1\" needs an attribute name.").arg(name));
        }
    }
    const QJsonObject statuses = json.value(QStringLiteral("statusValues")).toObject();
    for (auto it = statuses.begin(); it != statuses.end(); ++it) {
        const auto status = Status::fromId(it.value().toString());
        if (!status)
            return Error(ErrorCode::InvalidInput, tr("Unknown status \"%1\" in the value mapping.").arg(it.value().toString()));
        m.statusValues.insert(it.key().trimmed().toLower(), *status);
    }
    const QString policy = json.value(QStringLiteral("duplicates")).toString(QStringLiteral("skip"));
    if (policy == u"skip")
        m.duplicates = DuplicatePolicy::Skip;
    else if (policy == u"update")
        m.duplicates = DuplicatePolicy::UpdateActive;
    else if (policy == u"create")
        m.duplicates = DuplicatePolicy::AlwaysCreate;
    else
        return Error(ErrorCode::InvalidInput, tr("Unknown duplicate policy \"%1\" (skip, update or create).").arg(policy));
    m.defaultSource = json.value(QStringLiteral("source")).toString(QStringLiteral("import"));
    return m;
}

} // namespace Leads
