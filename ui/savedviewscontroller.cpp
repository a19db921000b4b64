// SPDX-License-Identifier: GPL-3.0-or-later
#include "savedviewscontroller.h"

#include "domain/aiqualification.h"
#include "domain/clock.h"
#include "leadspage.h"
#include "sidebar.h"
#include "storage/database.h"
#include "storage/leadquery.h"
#include "storage/leadservice.h"
#include "teamsettings.h"

#include <QInputDialog>
#include <QLocale>
#include <QMessageBox>

namespace Leads {

namespace {

std::optional<QString> askName(QWidget *parent, const QString &title, const QString &current)
{
    bool ok = false;
    const QString name = QInputDialog::getText(parent, title, SavedViewsController::tr("Name of the view:"),
                                               QLineEdit::Normal, current, &ok);
    if (!ok || name.trimmed().isEmpty())
        return std::nullopt;
    return name.trimmed();
}

bool askConfirm(QWidget *parent, const QString &question)
{
    return QMessageBox::question(parent, SavedViewsController::tr("Delete view"), question) == QMessageBox::Yes;
}

} // namespace

SavedViewsController::SavedViewsController(LeadService &service, LeadsPage &page)
    : QObject(&page), m_service(service), m_page(page), m_store(service.database().connection(), service.actor().userId),
      m_prompt(askName), m_confirm(askConfirm)
{
}

int SavedViewsController::hotThreshold() const
{
    return AiQualification::thresholdFromSetting(m_service.setting(AiQualification::thresholdKey()));
}

QList<SavedView> SavedViewsController::views() const
{
    return m_store.all(SavedViews::builtIns(hotThreshold()));
}

std::optional<SavedView> SavedViewsController::view(const QString &id) const
{
    for (const SavedView &v : views()) {
        if (v.id == id)
            return v;
    }
    return std::nullopt;
}

void SavedViewsController::setSidebar(Sidebar *sidebar)
{
    if (m_sidebar == sidebar)
        return;
    if (m_sidebar)
        disconnect(m_sidebar, nullptr, this, nullptr);
    m_sidebar = sidebar;
    if (!sidebar)
        return;
    connect(sidebar, &Sidebar::viewActivated, this, [this](const QString &id) { apply(id); });
    connect(sidebar, &Sidebar::viewRenameRequested, this, [this](const QString &id) {
        const auto v = view(id);
        if (!v)
            return;
        if (const auto name = m_prompt(&m_page, tr("Rename view"), v->name))
            rename(id, *name);
    });
    connect(sidebar, &Sidebar::viewDeleteRequested, this, [this](const QString &id) {
        const auto v = view(id);
        if (v && m_confirm(&m_page, tr("Delete the view \"%1\"? The leads stay as they are.").arg(v->name)))
            remove(id);
    });
    connect(sidebar, &Sidebar::viewMoveRequested, this, [this](const QString &id, int delta) { move(id, delta); });
    connect(sidebar, &Sidebar::viewShareRequested, this, [this](const QString &id) { share(id); });
    connect(sidebar, &Sidebar::viewStopSharingRequested, this, [this](const QString &id) { stopSharing(id); });
    reload();
}

void SavedViewsController::reload()
{
    if (!m_sidebar)
        return;
    QList<Sidebar::ViewEntry> entries;
    for (const SavedView &v : views())
        entries.append({v.id, v.name, QString(), v.isEditable(), v.kind == SavedView::Kind::Team});
    m_sidebar->setViews(entries);
    m_sidebar->setViewSharing(canShare());
    if (!m_current.isEmpty() && m_sidebar->current() == u"leads")
        m_sidebar->setCurrentView(m_current);
    updateStaleCount();
}

void SavedViewsController::updateStaleCount()
{
    if (!m_sidebar)
        return;
    const qint64 n = LeadQuery::staleCount(m_service.database().connection(), m_page.staleRules(), m_page.now());
    m_sidebar->setViewCount(QStringLiteral("builtin:stale"), n > 0 ? QLocale().toString(n) : QString());
}

bool SavedViewsController::apply(const QString &viewId)
{
    const auto v = view(viewId);
    if (!v)
        return false;
    m_current = viewId;
    m_page.applyViewState(v->state);
    if (m_sidebar)
        m_sidebar->setCurrentView(viewId);
    return true;
}

QString SavedViewsController::saveAs(const QString &name)
{
    auto id = m_store.create(name, m_page.viewState());
    if (!id) {
        Q_EMIT message(id.error().message());
        return {};
    }
    m_current = id.value();
    reload();
    if (m_sidebar)
        m_sidebar->setCurrentView(m_current);
    Q_EMIT message(tr("View \"%1\" saved.").arg(name.simplified()));
    return id.value();
}

QString SavedViewsController::saveInteractive()
{
    const auto name = m_prompt(&m_page, tr("Save view"), QString());
    return name ? saveAs(*name) : QString();
}

bool SavedViewsController::rename(const QString &viewId, const QString &name)
{
    if (auto done = m_store.rename(viewId, name); !done) {
        Q_EMIT message(done.error().message());
        return false;
    }
    reload();
    return true;
}

bool SavedViewsController::remove(const QString &viewId)
{
    if (auto done = m_store.remove(viewId); !done) {
        Q_EMIT message(done.error().message());
        return false;
    }
    if (m_current == viewId)
        m_current.clear();
    reload();
    return true;
}

void SavedViewsController::setTeamSettings(ServerTeamSettings *team)
{
    if (m_team == team)
        return;
    if (m_team)
        disconnect(m_team, nullptr, this, nullptr);
    m_team = team;
    // A refresh from the server may bring other team views or another role.
    if (team)
        connect(team, &TeamSettings::changed, this, &SavedViewsController::reload);
    reload();
}

bool SavedViewsController::canShare() const
{
    return m_team && m_team->canShareViews();
}

bool SavedViewsController::share(const QString &viewId)
{
    const auto v = view(viewId);
    if (!canShare() || !v || v->kind != SavedView::Kind::Personal)
        return false;
    const QString name = v->name;
    m_team->shareView(name, v->state.toJson(), [self = QPointer(this), name](const QString &error) {
        if (self)
            Q_EMIT self->message(error.isEmpty() ? tr("View \"%1\" is shared with the team.").arg(name) : error);
    });
    return true;
}

bool SavedViewsController::stopSharing(const QString &viewId)
{
    const auto v = view(viewId);
    if (!canShare() || !v || v->kind != SavedView::Kind::Team)
        return false;
    const QString name = v->name;
    m_team->stopSharingView(name, [self = QPointer(this), name](const QString &error) {
        if (self)
            Q_EMIT self->message(error.isEmpty() ? tr("View \"%1\" is no longer shared.").arg(name) : error);
    });
    return true;
}

bool SavedViewsController::move(const QString &viewId, int delta)
{
    if (auto done = m_store.move(viewId, delta); !done) {
        Q_EMIT message(done.error().message());
        return false;
    }
    reload();
    return true;
}

} // namespace Leads
