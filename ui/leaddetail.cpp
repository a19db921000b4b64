// SPDX-License-Identifier: GPL-3.0-or-later
#include "leaddetail.h"

#include "domain/clock.h"
#include "domain/pipeline.h"
#include "leadtablemodel.h"
#include "pillpixmap.h"
#include "widgets/statuspalette.h"
#include "storage/database.h"
#include "storage/leadquery.h"
#include "storage/leadtags.h"
#include "storage/leadservice.h"
#include "syncbadges.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Leads {

namespace {

QLabel *sectionTitle(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text.toUpper(), parent);
    QFont f = l->font();
    f.setPointSizeF(f.pointSizeF() * 0.82);
    f.setWeight(QFont::DemiBold);
    f.setLetterSpacing(QFont::PercentageSpacing, 106);
    l->setFont(f);
    l->setForegroundRole(QPalette::PlaceholderText);
    l->setContentsMargins(0, 10, 0, 2);
    return l;
}

QLabel *valueLabel(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    // Long e-mail addresses must not widen the pane; the full text is in the tooltip.
    l->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    l->setMinimumWidth(40);
    return l;
}

std::optional<QString> askLostReason(QWidget *parent, const QStringList &reasons)
{
    bool ok = false;
    const QString reason = QInputDialog::getItem(parent, LeadDetail::tr("Mark as lost"),
                                                 LeadDetail::tr("Why was this lead lost?"), reasons, 0, false, &ok);
    if (!ok || reason.isEmpty())
        return std::nullopt;
    return reason;
}

QString exactTime(const QDateTime &at)
{
    return QLocale().toString(at.toLocalTime(), QStringLiteral("d MMM yyyy, HH:mm"));
}

} // namespace

LeadDetail::LeadDetail(LeadService &service, const Clock &clock, QWidget *parent)
    : QWidget(parent), m_service(service), m_clock(clock), m_lostReason(askLostReason)
{
    build();
    setLead({});
}

void LeadDetail::build()
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_placeholder = new QLabel(tr("Select a lead to see its details."), this);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->setWordWrap(true);
    outer->addWidget(m_placeholder);

    auto *scroll = new QScrollArea(this);
    m_scroll = scroll;
    scroll->setObjectName(QStringLiteral("detailScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // minimumSizeHint() keeps the pane wide enough; a bar is the last resort, never a cut.
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    outer->addWidget(scroll);
    m_content = new QWidget(scroll);
    scroll->setWidget(m_content);

    auto *v = new QVBoxLayout(m_content);
    v->setContentsMargins(16, 14, 16, 14);
    v->setSpacing(4);

    m_name = new QLabel(m_content);
    m_name->setObjectName(QStringLiteral("detailName"));
    QFont nf = m_name->font();
    nf.setPointSizeF(nf.pointSizeF() * 1.3);
    nf.setWeight(QFont::DemiBold);
    m_name->setFont(nf);
    m_name->setWordWrap(true);
    m_name->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    v->addWidget(m_name);
    m_company = new QLabel(m_content);
    m_company->setForegroundRole(QPalette::PlaceholderText);
    v->addWidget(m_company);
    // The sync mark of a signed-in workspace, on its own line so the status row keeps its room.
    auto *syncRow = new QHBoxLayout;
    syncRow->setContentsMargins(0, 2, 0, 0);
    syncRow->setSpacing(4);
    m_syncIcon = new QLabel(m_content);
    m_syncIcon->hide();
    m_syncMark = new QLabel(m_content);
    m_syncMark->setObjectName(QStringLiteral("detailSyncMark"));
    m_syncMark->setForegroundRole(QPalette::PlaceholderText);
    m_syncMark->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_syncMark->hide();
    syncRow->addWidget(m_syncIcon);
    syncRow->addWidget(m_syncMark, 1);
    v->addLayout(syncRow);

    auto *statusRow = new QHBoxLayout;
    statusRow->setContentsMargins(0, 8, 0, 4);
    m_statusPill = new QLabel(m_content);
    m_statusPill->setObjectName(QStringLiteral("statusPill"));
    statusRow->addWidget(m_statusPill);
    statusRow->addStretch(1);
    m_moveButton = new QToolButton(m_content);
    m_moveButton->setObjectName(QStringLiteral("moveStatus"));
    m_moveButton->setText(tr("Move to") + QStringLiteral("  \u25BE"));
    m_moveButton->setProperty("filter", true);
    m_moveButton->setPopupMode(QToolButton::InstantPopup);
    m_moveButton->setMenu(new QMenu(m_moveButton));
    m_moveButton->setFocusPolicy(Qt::StrongFocus);
    statusRow->addWidget(m_moveButton);
    v->addLayout(statusRow);

    m_banner = new QLabel(m_content);
    m_banner->setObjectName(QStringLiteral("readOnlyBanner"));
    m_banner->setWordWrap(true);
    m_banner->setMargin(8);
    m_banner->setAutoFillBackground(true);
    v->addWidget(m_banner);

    m_error = new QLabel(m_content);
    m_error->setObjectName(QStringLiteral("detailError"));
    m_error->setWordWrap(true);
    m_error->hide();
    v->addWidget(m_error);

    v->addWidget(sectionTitle(tr("Contact"), m_content));
    m_form = new QFormLayout;
    m_form->setLabelAlignment(Qt::AlignLeft);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setHorizontalSpacing(14);
    m_form->setVerticalSpacing(6);
    m_phone = valueLabel(m_content);
    m_email = valueLabel(m_content);
    m_source = valueLabel(m_content);
    m_created = valueLabel(m_content);
    m_form->addRow(tr("Phone"), m_phone);
    m_form->addRow(tr("E-mail"), m_email);
    m_form->addRow(tr("Source"), m_source);
    m_form->addRow(tr("Created"), m_created);
    v->addLayout(m_form);

    v->addWidget(sectionTitle(tr("Work"), m_content));
    auto *work = new QFormLayout;
    work->setHorizontalSpacing(14);
    work->setVerticalSpacing(6);
    work->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // Assignee: a combo for those who may assign, a label for everyone else.
    auto *assigneeBox = new QWidget(m_content);
    auto *ah = new QHBoxLayout(assigneeBox);
    ah->setContentsMargins(0, 0, 0, 0);
    m_assignee = new QComboBox(assigneeBox);
    m_assignee->setObjectName(QStringLiteral("assignee"));
    m_assignee->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_assignee->setMinimumContentsLength(12);
    m_assigneeLabel = valueLabel(assigneeBox);
    ah->addWidget(m_assignee, 1);
    ah->addWidget(m_assigneeLabel, 1);
    work->addRow(tr("Assignee"), assigneeBox);
    connect(m_assignee, &QComboBox::activated, this, [this] { assignSelected(); });

    auto *scoreBox = new QWidget(m_content);
    auto *sh = new QHBoxLayout(scoreBox);
    sh->setContentsMargins(0, 0, 0, 0);
    m_aiScore = new QLabel(scoreBox);
    m_aiScore->setObjectName(QStringLiteral("aiScore"));
    m_manualScore = new QSpinBox(scoreBox);
    m_manualScore->setObjectName(QStringLiteral("manualScore"));
    m_manualScore->setRange(-1, 100);
    m_manualScore->setSpecialValueText(tr("Manual —"));
    m_manualScore->setPrefix(tr("Manual "));
    m_manualScore->setToolTip(tr("Your score (0–100). It replaces the AI's on the lead; the AI score stays beside it."));
    m_setScore = new QPushButton(tr("Set"), scoreBox);
    m_setScore->setMaximumWidth(m_setScore->fontMetrics().horizontalAdvance(m_setScore->text()) + 28);
    m_scoreLabel = valueLabel(scoreBox);
    sh->addWidget(m_aiScore);
    sh->addSpacing(8);
    sh->addWidget(m_manualScore);
    sh->addWidget(m_setScore);
    sh->addWidget(m_scoreLabel, 1);
    sh->addStretch(1);
    work->addRow(tr("Score"), scoreBox);
    connect(m_setScore, &QPushButton::clicked, this, [this] { setManualScore(); });
    // Why the AI scored the lead as it did, in the model's own words ("+12 asked about price").
    m_aiReasons = new QLabel(m_content);
    m_aiReasons->setObjectName(QStringLiteral("aiReasons"));
    m_aiReasons->setWordWrap(true);
    m_aiReasons->setForegroundRole(QPalette::PlaceholderText);
    m_aiReasons->setTextInteractionFlags(Qt::TextSelectableByMouse);
    work->addRow(QString(), m_aiReasons);

    auto *followBox = new QWidget(m_content);
    auto *fh = new QHBoxLayout(followBox);
    fh->setContentsMargins(0, 0, 0, 0);
    m_followUp = new QDateTimeEdit(followBox);
    m_followUp->setObjectName(QStringLiteral("followUp"));
    m_followUp->setCalendarPopup(true);
    m_followUp->setDisplayFormat(QStringLiteral("d MMM yyyy HH:mm"));
    m_setFollowUp = new QPushButton(tr("Set"), followBox);
    m_clearFollowUp = new QPushButton(QStringLiteral("\u2715"), followBox);
    m_clearFollowUp->setToolTip(tr("Clear the follow-up"));
    m_clearFollowUp->setAccessibleName(tr("Clear the follow-up"));
    for (QPushButton *b : {m_setFollowUp, m_clearFollowUp})
        b->setMaximumWidth(b->fontMetrics().horizontalAdvance(b->text()) + 28);
    m_followUpLabel = valueLabel(followBox);
    fh->addWidget(m_followUp, 1);
    fh->addWidget(m_setFollowUp);
    fh->addWidget(m_clearFollowUp);
    fh->addWidget(m_followUpLabel, 1);
    work->addRow(tr("Follow-up"), followBox);
    connect(m_setFollowUp, &QPushButton::clicked, this, [this] { setFollowUp(false); });
    connect(m_clearFollowUp, &QPushButton::clicked, this, [this] { setFollowUp(true); });
    v->addLayout(work);

    m_attributes = valueLabel(m_content);
    m_attributes->setTextFormat(Qt::RichText);
    v->addWidget(m_attributes);
    m_tags = valueLabel(m_content);
    m_tags->setObjectName(QStringLiteral("leadTags"));
    m_tags->setAccessibleName(tr("Tags"));
    v->addWidget(m_tags);

    v->addWidget(sectionTitle(tr("Notes"), m_content));
    m_note = new QPlainTextEdit(m_content);
    m_note->setObjectName(QStringLiteral("noteEdit"));
    m_note->setPlaceholderText(tr("Add a note for the team…"));
    m_note->setTabChangesFocus(true);
    m_note->setFixedHeight(m_note->fontMetrics().lineSpacing() * 3 + 14);
    v->addWidget(m_note);
    auto *noteRow = new QHBoxLayout;
    noteRow->addStretch(1);
    m_addNote = new QPushButton(tr("Add note"), m_content);
    m_addNote->setObjectName(QStringLiteral("addNote"));
    noteRow->addWidget(m_addNote);
    v->addLayout(noteRow);
    connect(m_addNote, &QPushButton::clicked, this, [this] { addNote(); });

    v->addWidget(sectionTitle(tr("Timeline"), m_content));
    m_timeline = new QLabel(m_content);
    m_timeline->setObjectName(QStringLiteral("timeline"));
    m_timeline->setTextFormat(Qt::RichText);
    m_timeline->setWordWrap(true);
    m_timeline->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    v->addWidget(m_timeline);
    v->addStretch(1);
}

void LeadDetail::setSyncBadges(const SyncBadges *badges)
{
    if (m_badges)
        disconnect(m_badges, nullptr, this, nullptr);
    m_badges = badges;
    if (m_badges)
        connect(m_badges, &SyncBadges::changed, this, &LeadDetail::showSyncMark);
    showSyncMark();
}

QSize LeadDetail::minimumSizeHint() const
{
    const QSize base = QWidget::minimumSizeHint();
    const int fields = m_content->minimumSizeHint().width() + m_scroll->verticalScrollBar()->sizeHint().width();
    return {std::max({280, base.width(), fields}), base.height()};
}

QString LeadDetail::syncMarkText() const
{
    return m_syncMark && !m_syncMark->isHidden() ? m_syncMark->accessibleName() : QString();
}

void LeadDetail::showSyncMark()
{
    const auto state = m_badges && m_lead ? m_badges->state(m_lead->id) : SyncBadges::State::None;
    m_syncIcon->setVisible(state != SyncBadges::State::None);
    m_syncMark->setVisible(state != SyncBadges::State::None);
    if (state == SyncBadges::State::None)
        return;
    const QString full = m_badges->text(m_lead->id);
    // The header stays one line: the reason of a refusal is in the tooltip.
    m_syncIcon->setPixmap(SyncBadges::icon(state, palette()).pixmap(QSize(16, 16), devicePixelRatioF()));
    m_syncIcon->setToolTip(full);
    m_syncMark->setTextFormat(Qt::PlainText);
    m_syncMark->setText(SyncBadges::stateText(state));
    m_syncMark->setToolTip(full);
    m_syncMark->setAccessibleName(full);
}

void LeadDetail::setLead(const QString &leadId)
{
    m_leadId = leadId;
    m_error->hide();
    reload();
}

void LeadDetail::reload()
{
    m_lead.reset();
    const bool has = !m_leadId.isEmpty();
    if (has) {
        auto loaded = m_service.lead(m_leadId);
        if (loaded)
            m_lead = loaded.value();
        else
            m_placeholder->setText(loaded.error().message());
    } else {
        m_placeholder->setText(tr("Select a lead to see its details."));
    }
    m_placeholder->setVisible(!m_lead);
    findChild<QScrollArea *>(QStringLiteral("detailScroll"))->setVisible(bool(m_lead));
    if (m_lead)
        showLead(*m_lead);
}

void LeadDetail::showLead(const Lead &lead)
{
    m_updating = true;
    const Actor &actor = m_service.actor();
    const PermissionMatrix perms = m_service.permissions();
    auto may = [&](Permission p) { return bool(checkLeadAccess(perms, actor, lead.assigneeId, p)); };
    const bool final = lead.isFinal();

    m_name->setText(lead.name);
    m_company->setText(lead.company);
    m_company->setVisible(!lead.company.isEmpty());
    m_statusPill->setPixmap(statusPillPixmap(lead.status, palette(), font()));
    m_statusPill->setToolTip(Status::label(lead.status));
    m_statusPill->setAccessibleName(tr("Status: %1").arg(Status::label(lead.status)));
    showSyncMark();

    QMenu *menu = m_moveButton->menu();
    menu->clear();
    const QList<LeadStatus> moves = offeredMoves();
    for (LeadStatus s : moves) {
        QAction *a = menu->addAction(Status::glyph(s) + QStringLiteral("  ") + Status::label(s));
        a->setData(Status::id(s));
        connect(a, &QAction::triggered, this, [this, s] { moveTo(s); });
    }
    m_moveButton->setVisible(!moves.isEmpty());

    if (final) {
        const StatusPalette::Colors c = StatusPalette::colors(lead.status, palette());
        QPalette bp = m_banner->palette();
        QColor bg = palette().color(QPalette::AlternateBase);
        bp.setColor(QPalette::Window, bg);
        bp.setColor(QPalette::WindowText, palette().color(QPalette::Text));
        m_banner->setPalette(bp);
        QString text = tr("%1 is final: this lead is read-only. Notes can still be added.").arg(Status::label(lead.status));
        if (lead.status == LeadStatus::Lost && !lead.lostReason.isEmpty())
            text = tr("Lost (%1) is final: this lead is read-only. Notes can still be added.").arg(lead.lostReason);
        m_banner->setText(QStringLiteral("\U0001F512 ") + text);
        Q_UNUSED(c)
    }
    m_banner->setVisible(final);

    m_phone->setText(lead.phone.isEmpty() ? tr("—") : LeadTableModel::displayPhone(lead.phone));
    m_email->setText(lead.email.isEmpty() ? tr("—") : lead.email);
    m_email->setToolTip(lead.email);
    QString source = Source::label(lead.source);
    if (!lead.campaign.isEmpty())
        source += QStringLiteral(" · ") + lead.campaign;
    if (!lead.sourceDetail.isEmpty())
        source += QStringLiteral(" · ") + lead.sourceDetail;
    m_source->setText(source);
    m_created->setText(exactTime(lead.createdAt));

    const bool canAssign = !final && perms.allows(actor.role, Permission::Assign);
    m_assignee->clear();
    m_assignee->addItem(tr("Unassigned"), QString());
    for (const UserInfo &u : m_service.users()) {
        if (u.active || u.id == lead.assigneeId)
            m_assignee->addItem(u.displayName, u.id);
    }
    m_assignee->setCurrentIndex(std::max(0, m_assignee->findData(lead.assigneeId)));
    m_assignee->setVisible(canAssign);
    m_assigneeLabel->setText(lead.assigneeId.isEmpty() ? tr("Unassigned") : lead.assigneeName);
    m_assigneeLabel->setVisible(!canAssign);

    const Qualification &q = lead.qualification;
    m_aiScore->setText(q.aiScore ? tr("AI %1").arg(*q.aiScore) : tr("AI —"));
    m_aiScore->setToolTip(q.aiScore ? tr("Score suggested by the AI model") : tr("The AI has not scored this lead yet"));
    const QStringList reasons = q.aiScore ? m_service.aiReasons(lead.id) : QStringList();
    m_aiReasons->setText(reasons.isEmpty() ? QString() : tr("AI: %1").arg(reasons.join(QStringLiteral(" · "))));
    m_aiReasons->setAccessibleName(tr("Reasons for the AI score"));
    m_aiReasons->setVisible(!reasons.isEmpty());
    const bool canScore = !final && may(Permission::Qualify);
    m_manualScore->setValue(q.manualScore.value_or(-1));
    for (QWidget *w : {static_cast<QWidget *>(m_manualScore), static_cast<QWidget *>(m_setScore)})
        w->setVisible(canScore);
    m_scoreLabel->setVisible(!canScore);
    m_scoreLabel->setText(q.manualScore ? tr("Manual %1").arg(*q.manualScore) : QString());

    const bool canFollow = !final && may(Permission::SetFollowUp);
    m_followUp->setDateTime(lead.followUpAt.isValid() ? lead.followUpAt.toLocalTime()
                                                      : m_clock.now().toLocalTime().addDays(1));
    for (QWidget *w : {static_cast<QWidget *>(m_followUp), static_cast<QWidget *>(m_setFollowUp),
                       static_cast<QWidget *>(m_clearFollowUp)})
        w->setVisible(canFollow);
    m_clearFollowUp->setEnabled(lead.followUpAt.isValid());
    m_followUpLabel->setVisible(!canFollow);
    m_followUpLabel->setText(lead.followUpAt.isValid() ? exactTime(lead.followUpAt) : tr("—"));

    const auto attrs = LeadQuery::attributes(m_service.database().connection(), lead.id);
    if (attrs.isEmpty()) {
        m_attributes->hide();
    } else {
        QString html = QStringLiteral("<table cellspacing=0 cellpadding=2>");
        for (const auto &[key, value] : attrs)
            html += QStringLiteral("<tr><td style='padding-right:14px'>%1</td><td>%2</td></tr>")
                        .arg(key.toHtmlEscaped(), value.toHtmlEscaped());
        m_attributes->setText(html + QStringLiteral("</table>"));
        m_attributes->show();
    }

    const QStringList tags = LeadTags::of(m_service.database().connection(), lead.id);
    m_tags->setText(tr("Tags: %1").arg(tags.join(QStringLiteral(" · "))));
    m_tags->setVisible(!tags.isEmpty());

    const bool canNote = may(Permission::AddNote);
    m_note->setVisible(canNote);
    m_addNote->setVisible(canNote);
    fillTimeline();
    m_updating = false;
}

void LeadDetail::fillTimeline()
{
    auto tl = m_service.timeline(m_leadId);
    if (!tl) {
        m_timeline->setText(tl.error().message().toHtmlEscaped());
        return;
    }
    const QColor muted = palette().color(QPalette::PlaceholderText);
    const QDateTime now = m_clock.now();
    QString html;
    int shown = 0;
    for (const Interaction &i : tl.value()) {
        if (++shown > 60)
            break;
        QString what = interactionKindLabel(i.kind);
        if (i.kind == InteractionKind::StatusChange) {
            const auto from = Status::fromId(i.data.value(QStringLiteral("from")).toString());
            const auto to = Status::fromId(i.data.value(QStringLiteral("to")).toString());
            if (from && to)
                what = tr("%1 → %2").arg(Status::label(*from), Status::label(*to));
            const QString reason = i.data.value(QStringLiteral("reason")).toString();
            if (!reason.isEmpty())
                what += tr(" (%1)").arg(reason);
        }
        QString line = QStringLiteral("<b>%1</b>").arg(what.toHtmlEscaped());
        if (!i.authorName.isEmpty())
            line += QStringLiteral(" · ") + i.authorName.toHtmlEscaped();
        line += QStringLiteral(" <span style='color:%1' title='%2'>· %3</span>")
                    .arg(muted.name(), exactTime(i.occurredAt).toHtmlEscaped(),
                         LeadTableModel::relativeTime(i.occurredAt, now).toHtmlEscaped());
        if (!i.body.isEmpty())
            line += QStringLiteral("<br>") + i.body.toHtmlEscaped();
        html += QStringLiteral("<p style='margin:0 0 8px 0'>") + line + QStringLiteral("</p>");
    }
    m_timeline->setText(html.isEmpty() ? tr("Nothing yet.") : html);
}

QList<LeadStatus> LeadDetail::offeredMoves() const
{
    if (!m_lead || m_lead->isFinal())
        return {};
    if (!checkLeadAccess(m_service.permissions(), m_service.actor(), m_lead->assigneeId, Permission::ChangeStatus))
        return {};
    return Pipeline::allowedMoves(m_lead->status);
}

bool LeadDetail::isReadOnly() const
{
    return m_lead && m_lead->isFinal();
}

void LeadDetail::focusFirstControl()
{
    if (m_moveButton->isVisible())
        m_moveButton->setFocus(Qt::OtherFocusReason);
    else if (m_note->isVisible())
        m_note->setFocus(Qt::OtherFocusReason);
}

QString LeadDetail::lastError() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void LeadDetail::showError(const QString &message)
{
    m_error->setText(message);
    QPalette p = m_error->palette();
    p.setColor(QPalette::WindowText, StatusPalette::errorText(palette()));
    m_error->setPalette(p);
    m_error->setVisible(!message.isEmpty());
}

bool LeadDetail::moveTo(LeadStatus status)
{
    if (!m_lead)
        return false;
    const Lead before = *m_lead;
    QString reason;
    if (status == LeadStatus::Lost) {
        const auto chosen = m_lostReason(this, m_service.lostReasons());
        if (!chosen)
            return false;
        reason = *chosen;
    }
    const Outcome done = m_service.setStatus(before.id, status, reason);
    if (!done) {
        showError(done.error().message());
        return false;
    }
    showError({});
    reload();
    Q_EMIT changed(before.id, ChangeKind::Status, Status::id(before.status));
    return true;
}

void LeadDetail::assignSelected()
{
    if (m_updating || !m_lead)
        return;
    const QString previous = m_lead->assigneeId;
    const QString chosen = m_assignee->currentData().toString();
    if (chosen == previous)
        return;
    const Outcome done = m_service.assign(m_lead->id, chosen);
    if (!done) {
        showError(done.error().message());
        reload();
        return;
    }
    showError({});
    const QString id = m_lead->id;
    reload();
    Q_EMIT changed(id, ChangeKind::Assignee, previous);
}

void LeadDetail::setManualScore()
{
    if (!m_lead || m_manualScore->value() < 0)
        return;
    const Outcome done = m_service.qualifyManually(m_lead->id, m_manualScore->value());
    showError(done ? QString() : done.error().message());
    reload();
}

void LeadDetail::setFollowUp(bool clear)
{
    if (!m_lead)
        return;
    const QDateTime at = clear ? QDateTime() : m_followUp->dateTime().toUTC();
    const Outcome done = m_service.setFollowUp(m_lead->id, at);
    showError(done ? QString() : done.error().message());
    reload();
}

void LeadDetail::addNote()
{
    if (!m_lead || m_note->toPlainText().trimmed().isEmpty())
        return;
    const Outcome done = m_service.addNote(m_lead->id, m_note->toPlainText());
    if (done)
        m_note->clear();
    showError(done ? QString() : done.error().message());
    reload();
}

} // namespace Leads
