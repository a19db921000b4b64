// SPDX-License-Identifier: GPL-3.0-or-later
#include "triagemode.h"

#include "leaddetail.h"
#include "leadspage.h"
#include "domain/permissions.h"
#include "storage/changeset.h"
#include "storage/database.h"
#include "storage/leadservice.h"

#include <QAbstractItemModel>
#include <QDateTimeEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace Leads {

namespace {
std::optional<int> askScore(QWidget *parent, int current)
{
    bool ok = false;
    const int v = QInputDialog::getInt(parent, TriageMode::tr("Manual score"), TriageMode::tr("Score (0-100):"),
                                       current, 0, 100, 5, &ok);
    return ok ? std::optional<int>(v) : std::nullopt;
}

std::optional<QDateTime> askFollowUp(QWidget *parent, const QDateTime &suggested)
{
    QDialog d(parent);
    d.setWindowTitle(TriageMode::tr("Follow-up"));
    auto *v = new QVBoxLayout(&d);
    v->addWidget(new QLabel(TriageMode::tr("Follow up on:"), &d));
    auto *edit = new QDateTimeEdit(suggested.toLocalTime(), &d);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    v->addWidget(edit);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &d);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &d, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &d, &QDialog::reject);
    v->addWidget(buttons);
    if (d.exec() != QDialog::Accepted)
        return std::nullopt;
    return edit->dateTime().toUTC();
}

std::optional<QString> askNote(QWidget *parent)
{
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(parent, TriageMode::tr("Add note"), TriageMode::tr("Note:"), {}, &ok);
    return ok ? std::optional<QString>(text) : std::nullopt;
}
} // namespace

TriageMode::TriageMode(LeadsPage &page, LeadService &service, QObject *parent)
    : QObject(parent), m_page(page), m_service(service), m_prompts{askScore, askFollowUp, askNote}
{
}

// Qt drops a destroyed object's event filters by itself; the table may be gone already.
TriageMode::~TriageMode() = default;

QString TriageMode::keyHelp()
{
    return tr("j/k move · 1-8 status · s score · f follow-up · a assign · l lost · n note · Ctrl+Z undo");
}

void TriageMode::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    QTableView *view = m_page.view();
    if (active) {
        view->installEventFilter(this);
        view->setFocus(Qt::ShortcutFocusReason);
        if (!view->currentIndex().isValid() && view->model() && view->model()->rowCount() > 0)
            move(0);
    } else {
        view->removeEventFilter(this);
    }
    Q_EMIT activeChanged(active);
}

QString TriageMode::currentLead() const
{
    return m_page.currentLeadId();
}

bool TriageMode::eventFilter(QObject *watched, QEvent *event)
{
    if (!m_active || watched != m_page.view() || event->type() != QEvent::KeyPress)
        return QObject::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    const Qt::KeyboardModifiers mods = key->modifiers() & ~Qt::KeypadModifier;
    if (mods != Qt::NoModifier && mods != Qt::ShiftModifier)
        return false; // Ctrl+Z and other shortcuts go on to the window
    switch (key->key()) {
    case Qt::Key_J: move(1); return true;
    case Qt::Key_K: move(-1); return true;
    case Qt::Key_S: score(); return true;
    case Qt::Key_F: followUp(); return true;
    case Qt::Key_A: assign(); return true;
    case Qt::Key_L: markLost(); return true;
    case Qt::Key_N: note(); return true;
    default: break;
    }
    if (key->key() >= Qt::Key_1 && key->key() <= Qt::Key_8) {
        setStatus(key->key() - Qt::Key_0);
        return true;
    }
    return false; // arrows, Page Up/Down, Home/End: the table's own moves
}

void TriageMode::move(int delta)
{
    QTableView *view = m_page.view();
    QAbstractItemModel *model = view->model();
    if (!model || model->rowCount() == 0)
        return;
    const QModelIndex current = view->currentIndex();
    int row = current.isValid() ? current.row() + delta : 0;
    // Past the fetched rows: fetch the next screenful, as scrolling would.
    if (row >= model->rowCount() && model->canFetchMore({}))
        model->fetchMore({});
    row = qBound(0, row, model->rowCount() - 1);
    const QModelIndex target = model->index(row, current.isValid() ? current.column() : 0);
    view->selectionModel()->setCurrentIndex(target, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view->scrollTo(target);
}

void TriageMode::setStatus(int digit)
{
    if (currentLead().isEmpty())
        return;
    const LeadStatus to = kAllStatuses.at(size_t(digit - 1));
    LeadDetail *detail = m_page.detail();
    if (detail->leadId() != currentLead())
        detail->setLead(currentLead());
    // The detail pane's move: the same rules, lost-reason question and undo as the mouse.
    if (detail->moveTo(to)) {
        Q_EMIT message(tr("Moved to %1.").arg(Status::label(to)));
        m_page.refresh();
        return;
    }
    const QString why = detail->lastError();
    Q_EMIT message(why.isEmpty() ? tr("Status not changed.") : tr("Not moved to %1: %2").arg(Status::label(to), why));
}

void TriageMode::markLost()
{
    setStatus(Status::index(LeadStatus::Lost) + 1);
}

void TriageMode::changeWithUndo(const QString &label, const std::function<bool(const QString &leadId)> &change)
{
    const QString id = currentLead();
    if (id.isEmpty())
        return;
    QSqlDatabase db = m_service.database().connection();
    // Nothing runs the event loop between before() and after(): no other write interleaves.
    auto changes = std::make_shared<ChangeSet>(ChangeSet::allColumns(db));
    if (auto before = changes->before(db, {id}); !before) {
        Q_EMIT message(before.error().message());
        return;
    }
    if (!change(id))
        return;
    if (auto after = changes->after(db); !after) {
        Q_EMIT message(after.error().message());
        return;
    }
    LeadService *service = &m_service;
    m_page.pushUndoStep(label, [changes, service] {
        auto restored = changes->revert(service->database().connection());
        if (!restored)
            return false;
        service->announce(restored.value());
        return true;
    });
    m_page.refresh();
    if (m_page.detail()->leadId() == id)
        m_page.detail()->reload();
}

void TriageMode::score()
{
    auto lead = m_service.lead(currentLead());
    if (!lead)
        return;
    const auto value = m_prompts.score(m_page.window(), lead.value().qualification.manualScore.value_or(50));
    if (!value)
        return;
    changeWithUndo(tr("score"), [this, &value](const QString &id) {
        const Outcome done = m_service.qualifyManually(id, *value);
        Q_EMIT message(done ? tr("Scored %1.").arg(*value) : tr("Not scored: %1").arg(done.error().message()));
        return done.ok();
    });
}

void TriageMode::followUp()
{
    auto lead = m_service.lead(currentLead());
    if (!lead)
        return;
    QDateTime suggested = lead.value().followUpAt;
    if (!suggested.isValid())
        suggested = QDateTime(QDate::currentDate().addDays(1), QTime(9, 0));
    const auto at = m_prompts.followUp(m_page.window(), suggested);
    if (!at)
        return;
    changeWithUndo(tr("follow-up"), [this, &at](const QString &id) {
        const Outcome done = m_service.setFollowUp(id, *at);
        Q_EMIT message(done ? tr("Follow-up set.") : tr("No follow-up: %1").arg(done.error().message()));
        return done.ok();
    });
}

void TriageMode::note()
{
    if (currentLead().isEmpty())
        return;
    const auto text = m_prompts.note(m_page.window());
    if (!text)
        return;
    changeWithUndo(tr("note"), [this, &text](const QString &id) {
        const Outcome done = m_service.addNote(id, *text);
        Q_EMIT message(done ? tr("Note added.") : tr("No note: %1").arg(done.error().message()));
        return done.ok();
    });
}

void TriageMode::assign()
{
    if (currentLead().isEmpty())
        return;
    if (auto allowed = m_service.permissions().require(m_service.actor().role, Permission::Assign); !allowed) {
        Q_EMIT message(allowed.error().message());
        return;
    }
    // The page's agent picker: the same dialog, rules and undo as the toolbar's Assign.
    m_page.assignSelected();
}

} // namespace Leads
