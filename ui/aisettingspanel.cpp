// SPDX-License-Identifier: GPL-3.0-or-later
#include "aisettingspanel.h"

#include "scoring/aisettingsbackend.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace Leads {

namespace {
QLabel *mutedLabel(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    l->setWordWrap(true);
    l->setForegroundRole(QPalette::PlaceholderText);
    return l;
}

// Plain-language reading of the area under the ROC curve, for people who never met one.
QString aucVerdict(double auc)
{
    if (auc >= 0.8)
        return AiSettingsPanel::tr("good at telling likely buyers apart");
    if (auc >= 0.7)
        return AiSettingsPanel::tr("useful");
    if (auc >= 0.6)
        return AiSettingsPanel::tr("weak");
    return AiSettingsPanel::tr("no better than chance");
}
} // namespace

AiSettingsPanel::AiSettingsPanel(AiSettingsBackend &backend, QWidget *parent)
    : QWidget(parent), m_backend(backend), m_thresholdCommit(new QTimer(this))
{
    setObjectName(QStringLiteral("aiSettingsPanel"));
    // Dragging the slider would otherwise rescore every lead at each step.
    m_thresholdCommit->setSingleShot(true);
    m_thresholdCommit->setInterval(600);
    connect(m_thresholdCommit, &QTimer::timeout, this, &AiSettingsPanel::commitThreshold);
    buildUi();

    // Queued: a change made from this page (an attribute ticked in the list) must not
    // rebuild the list while the list is still announcing it.
    connect(&m_backend, &AiSettingsBackend::settingsChanged, this, &AiSettingsPanel::reload, Qt::QueuedConnection);
    connect(&m_backend, &AiSettingsBackend::failed, this, &AiSettingsPanel::showError);
    connect(&m_backend, &AiSettingsBackend::trainingStarted, this, [this] {
        m_retrain->setEnabled(false);
        m_progress->setRange(0, 0); // fitting has no measurable steps
        m_progress->show();
        m_status->setText(tr("Training on the team's converted and lost leads…"));
    });
    connect(&m_backend, &AiSettingsBackend::trainingFinished, this, [this](bool ok, const QString &message) {
        m_retrain->setEnabled(m_backend.canManage());
        showModel();
        if (!ok) {
            m_progress->hide();
            showError(message);
            return;
        }
        m_status->setText(tr("Trained. Rescoring the open leads…"));
    });
    connect(&m_backend, &AiSettingsBackend::rescoreProgress, this, [this](qint64 done, qint64 total) {
        m_progress->setRange(0, int(std::max<qint64>(1, total)));
        m_progress->setValue(int(done));
        m_progress->show();
        m_status->setText(tr("Rescoring open leads: %1 of %2")
                              .arg(QLocale().toString(done), QLocale().toString(total)));
    });
    connect(&m_backend, &AiSettingsBackend::rescoreFinished, this, [this](qint64 scored, qint64 qualified) {
        m_progress->hide();
        if (scored == 0)
            m_status->setText(tr("No open leads to rescore."));
        else if (qualified > 0)
            m_status->setText(tr("Open leads rescored: %1. Reached the threshold and moved to Qualified: %2.")
                                  .arg(QLocale().toString(scored), QLocale().toString(qualified)));
        else
            m_status->setText(tr("Open leads rescored: %1.").arg(QLocale().toString(scored)));
    });
    reload();
}

void AiSettingsPanel::buildUi()
{
    auto *root = new QVBoxLayout(this);
    root->setContentsMargins(16, 16, 16, 16);
    root->setSpacing(12);

    auto *title = new QLabel(tr("AI qualification"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    title->setFont(big);
    root->addWidget(title);
    root->addWidget(mutedLabel(tr("Scores every open lead from 0 to 100 from its conversation, learned from "
                                  "the leads your team converted or lost. A score set by hand is never "
                                  "replaced."),
                               this));

    m_readOnlyNote = new QLabel(this);
    m_readOnlyNote->setObjectName(QStringLiteral("readOnlyNote"));
    m_readOnlyNote->setWordWrap(true);
    m_readOnlyNote->setText(tr("Read-only: only people allowed to manage settings can change AI qualification."));
    {
        QFont bold = m_readOnlyNote->font();
        bold.setBold(true);
        m_readOnlyNote->setFont(bold);
    }
    root->addWidget(m_readOnlyNote);

    // --- behaviour
    auto *behaviour = new QGroupBox(tr("Behaviour"), this);
    auto *form = new QFormLayout(behaviour);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_enabled = new QCheckBox(tr("Score leads and qualify them automatically"), behaviour);
    m_enabled->setObjectName(QStringLiteral("aiEnabled"));
    form->addRow(tr("AI qualification:"), m_enabled);

    auto *thresholdRow = new QHBoxLayout;
    m_slider = new QSlider(Qt::Horizontal, behaviour);
    m_slider->setObjectName(QStringLiteral("thresholdSlider"));
    m_slider->setRange(0, 100);
    m_slider->setTickPosition(QSlider::TicksBelow);
    m_slider->setTickInterval(10);
    m_spin = new QSpinBox(behaviour);
    m_spin->setObjectName(QStringLiteral("thresholdSpin"));
    m_spin->setRange(0, 100);
    m_spin->setAccessibleName(tr("Auto-qualify threshold"));
    thresholdRow->addWidget(m_slider, 1);
    thresholdRow->addWidget(m_spin);
    form->addRow(tr("Auto-qualify at score:"), thresholdRow);
    form->addRow(QString(), mutedLabel(tr("An open lead in New, Contacted or Qualifying whose AI score reaches "
                                          "this moves to Qualified, once, noted on its timeline as done by "
                                          "the AI."),
                                       behaviour));
    root->addWidget(behaviour);

    connect(m_enabled, &QCheckBox::toggled, this, [this](bool on) {
        if (m_loading)
            return;
        if (auto done = m_backend.setAiEnabled(on); !done)
            showError(done.error().message());
    });
    connect(m_slider, &QSlider::valueChanged, this, [this](int v) {
        if (m_spin->value() != v)
            m_spin->setValue(v);
    });
    connect(m_spin, &QSpinBox::valueChanged, this, [this](int v) {
        if (m_slider->value() != v)
            m_slider->setValue(v);
        if (!m_loading)
            m_thresholdCommit->start();
    });
    connect(m_spin, &QSpinBox::editingFinished, this, [this] {
        if (m_thresholdCommit->isActive())
            commitThreshold();
    });
    connect(m_slider, &QSlider::sliderReleased, this, [this] {
        if (m_thresholdCommit->isActive())
            commitThreshold();
    });

    // --- model
    auto *model = new QGroupBox(tr("Current model"), this);
    auto *modelLayout = new QVBoxLayout(model);
    auto *facts = new QFormLayout;
    m_trainedAt = new QLabel(model);
    m_trainedAt->setObjectName(QStringLiteral("trainedAt"));
    m_outcomes = new QLabel(model);
    m_outcomes->setObjectName(QStringLiteral("outcomes"));
    m_auc = new QLabel(model);
    m_auc->setObjectName(QStringLiteral("holdoutAuc"));
    m_auc->setToolTip(tr("Area under the ROC curve on the newest 20 % of closed leads, which the model did "
                         "not learn from: 0.5 is chance, 1.0 is perfect."));
    facts->addRow(tr("Trained:"), m_trainedAt);
    facts->addRow(tr("Learned from:"), m_outcomes);
    facts->addRow(tr("Hold-out AUC:"), m_auc);
    modelLayout->addLayout(facts);

    m_warningBox = new QFrame(model);
    m_warningBox->setObjectName(QStringLiteral("modelWarning"));
    m_warningBox->setFrameShape(QFrame::StyledPanel);
    m_warningBox->setAutoFillBackground(true);
    {
        // A tint of the highlight colour: visible in light and dark palettes alike.
        QPalette p = m_warningBox->palette();
        QColor tint(0xf5, 0xa6, 0x23);
        tint.setAlpha(48);
        p.setColor(QPalette::Window, tint);
        m_warningBox->setPalette(p);
    }
    auto *warningLayout = new QHBoxLayout(m_warningBox);
    warningLayout->setContentsMargins(10, 8, 10, 8);
    auto *icon = new QLabel(m_warningBox);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(iconSize, iconSize));
    icon->setAlignment(Qt::AlignTop);
    m_warning = new QLabel(m_warningBox);
    m_warning->setWordWrap(true);
    warningLayout->addWidget(icon);
    warningLayout->addWidget(m_warning, 1);
    modelLayout->addWidget(m_warningBox);

    auto *retrainRow = new QHBoxLayout;
    m_retrain = new QPushButton(tr("Retrain now"), model);
    m_retrain->setObjectName(QStringLiteral("retrain"));
    m_progress = new QProgressBar(model);
    m_progress->setObjectName(QStringLiteral("retrainProgress"));
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(m_retrain->sizeHint().height() / 2);
    m_progress->hide();
    retrainRow->addWidget(m_retrain);
    retrainRow->addWidget(m_progress, 1);
    retrainRow->addStretch();
    modelLayout->addLayout(retrainRow);
    m_status = mutedLabel(QString(), model);
    m_status->setObjectName(QStringLiteral("retrainStatus"));
    modelLayout->addWidget(m_status);
    root->addWidget(model);
    connect(m_retrain, &QPushButton::clicked, this, [this] { m_backend.retrainNow(); });

    // --- attributes
    auto *attributes = new QGroupBox(tr("Custom attributes"), this);
    auto *attrLayout = new QVBoxLayout(attributes);
    attrLayout->addWidget(mutedLabel(tr("Tick an attribute to keep it out of the model, e.g. one your team fills "
                                        "in after working a lead: it would give the outcome away."),
                                     attributes));
    m_attributes = new QListWidget(attributes);
    m_attributes->setObjectName(QStringLiteral("excludedAttributes"));
    m_attributes->setAlternatingRowColors(true);
    m_attributes->setMinimumHeight(60);
    m_attributes->setMaximumHeight(180);
    attrLayout->addWidget(m_attributes);
    m_noAttributes = mutedLabel(tr("No custom attributes yet: imports and integrations add them."), attributes);
    attrLayout->addWidget(m_noAttributes);
    root->addWidget(attributes);
    root->addStretch(1);
    connect(m_attributes, &QListWidget::itemChanged, this, &AiSettingsPanel::onAttributeToggled);

    m_editors = {m_enabled, m_slider, m_spin, m_retrain, m_attributes};
}

void AiSettingsPanel::reload()
{
    m_loading = true;
    const bool manage = m_backend.canManage();
    m_readOnlyNote->setVisible(!manage);
    const QString why = manage ? QString()
                               : tr("Only people with the \"Manage settings\" permission can change AI "
                                    "qualification. Ask an admin.");
    for (QWidget *w : std::as_const(m_editors)) {
        w->setEnabled(manage && (w != m_retrain || !m_backend.isTraining()));
        w->setToolTip(why);
    }
    setToolTip(why);
    m_enabled->setChecked(m_backend.aiEnabled());
    m_spin->setValue(m_backend.threshold());
    m_slider->setValue(m_backend.threshold());

    const QStringList excluded = m_backend.excludedAttributes();
    const QStringList keys = m_backend.attributeKeys();
    m_attributes->clear();
    for (const QString &key : keys) {
        auto *item = new QListWidgetItem(key, m_attributes);
        item->setFlags(manage ? Qt::ItemIsEnabled | Qt::ItemIsUserCheckable : Qt::ItemFlags(Qt::ItemIsUserCheckable));
        item->setCheckState(excluded.contains(key) ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(manage ? tr("Ticked: not used by the model") : why);
    }
    m_attributes->setVisible(!keys.isEmpty());
    m_noAttributes->setVisible(keys.isEmpty());
    m_loading = false;
    showModel();
}

void AiSettingsPanel::showModel()
{
    const ScoringModelInfo info = m_backend.modelInfo();
    const QLocale locale;
    if (info.trainedAt.isValid())
        m_trainedAt->setText(locale.toString(info.trainedAt.toLocalTime(), QLocale::ShortFormat));
    else
        m_trainedAt->setText(tr("Not yet: scores come from the built-in starting model"));
    m_outcomes->setText(info.outcomes == 0
                            ? tr("No converted or lost leads yet")
                            : tr("%1 closed leads (%2 converted, %3 lost)")
                                  .arg(locale.toString(info.outcomes), locale.toString(info.converted),
                                       locale.toString(info.lost)));
    m_auc->setText(info.holdoutAuc ? tr("%1 — %2").arg(locale.toString(*info.holdoutAuc, 'f', 2),
                                                       aucVerdict(*info.holdoutAuc))
                                   : tr("Not measured yet"));
    m_warning->setText(info.warning);
    m_warningBox->setVisible(info.tooFewOutcomes && !info.warning.isEmpty());
}

void AiSettingsPanel::commitThreshold()
{
    m_thresholdCommit->stop();
    const int value = m_spin->value();
    if (value == m_backend.threshold())
        return;
    if (auto done = m_backend.setThreshold(value); !done)
        showError(done.error().message());
}

void AiSettingsPanel::onAttributeToggled(QListWidgetItem *)
{
    if (m_loading)
        return;
    QStringList excluded;
    for (int i = 0; i < m_attributes->count(); ++i) {
        if (m_attributes->item(i)->checkState() == Qt::Checked)
            excluded.append(m_attributes->item(i)->text());
    }
    if (auto done = m_backend.setExcludedAttributes(excluded); !done)
        showError(done.error().message());
}

void AiSettingsPanel::showError(const QString &message)
{
    m_status->setText(message);
    // Whatever was refused, show what is really stored.
    QTimer::singleShot(0, this, &AiSettingsPanel::reload);
}

} // namespace Leads
