// SPDX-License-Identifier: GPL-3.0-or-later
#include "assignmentrule.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>

namespace Leads {

namespace {
// lupdate files these calls under the class whose member makes them (Leads::AssignmentRule), or
// under the namespace when a free function makes them: look in both.
QString tr(const char *text)
{
    const QString translated = QCoreApplication::translate("Leads::AssignmentRule", text);
    return translated != QLatin1String(text) ? translated : QCoreApplication::translate("Leads", text);
}
} // namespace

QString AssignmentRule::modeId(Mode mode)
{
    switch (mode) {
    case Mode::Manual:
        return QStringLiteral("manual");
    case Mode::RoundRobin:
        return QStringLiteral("round_robin");
    case Mode::LeastLoaded:
        return QStringLiteral("least_loaded");
    }
    return {};
}

QString AssignmentRule::modeLabel(Mode mode)
{
    switch (mode) {
    case Mode::Manual:
        return tr("Manual: new leads wait in the unassigned queue");
    case Mode::RoundRobin:
        return tr("Round-robin among the chosen agents");
    case Mode::LeastLoaded:
        return tr("The chosen agent with the fewest active leads");
    }
    return {};
}

QJsonObject AssignmentRule::toJson() const
{
    return {{QStringLiteral("mode"), modeId(mode)}, {QStringLiteral("agents"), QJsonArray::fromStringList(agents)}};
}

Result<AssignmentRule> AssignmentRule::fromJson(const QJsonObject &json)
{
    AssignmentRule rule;
    const QString mode = json.value(QStringLiteral("mode")).toString();
    if (mode == u"manual" || mode.isEmpty())
        rule.mode = Mode::Manual;
    else if (mode == u"round_robin")
        rule.mode = Mode::RoundRobin;
    else if (mode == u"least_loaded")
        rule.mode = Mode::LeastLoaded;
    else
        return Error(ErrorCode::InvalidInput, tr("Unknown assignment rule \"%1\".").arg(mode), QStringLiteral("mode"));
    const QJsonValue agents = json.value(QStringLiteral("agents"));
    if (!agents.isUndefined() && !agents.isArray())
        return Error(ErrorCode::InvalidInput, tr("The agents of the rule must be a list."), QStringLiteral("agents"));
    QSet<QString> seen;
    for (const QJsonValue &v : agents.toArray()) {
        const QString id = v.toString();
        if (!v.isString() || id.isEmpty() || id.size() > 64)
            return Error(ErrorCode::InvalidInput, tr("Every agent of the rule must be a user id."), QStringLiteral("agents"));
        if (seen.contains(id))
            return Error(ErrorCode::InvalidInput, tr("An agent appears twice in the rule."), QStringLiteral("agents"));
        seen.insert(id);
        rule.agents.append(id);
    }
    if (rule.mode != Mode::Manual && rule.agents.isEmpty())
        return Error(ErrorCode::InvalidInput, tr("Choose at least one agent for this rule."), QStringLiteral("agents"));
    return rule;
}

AssignmentRule::Pick AssignmentRule::pick(const QStringList &eligible, const QHash<QString, int> &loads,
                                          int cursor) const
{
    Pick none{QString(), cursor};
    if (mode == Mode::Manual || agents.isEmpty())
        return none;
    const int n = int(agents.size());
    if (mode == Mode::RoundRobin) {
        // The next eligible agent after the one picked last, wrapping around.
        for (int step = 0; step < n; ++step) {
            const int i = ((cursor % n) + n + step) % n;
            if (eligible.contains(agents.at(i)))
                return {agents.at(i), (i + 1) % n};
        }
        return none;
    }
    QString best;
    int bestLoad = 0;
    for (const QString &id : agents) {
        if (!eligible.contains(id))
            continue;
        const int load = loads.value(id);
        if (best.isEmpty() || load < bestLoad) {
            best = id;
            bestLoad = load;
        }
    }
    return {best, cursor};
}

} // namespace Leads
