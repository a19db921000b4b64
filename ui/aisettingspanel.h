// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QCheckBox;
class QFrame;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QTimer;

namespace Leads {

class AiSettingsBackend;

// The "AI qualification" page of the settings: on/off, the auto-qualify threshold, the
// model in use (when trained, on how many outcomes, hold-out AUC, and a warning when it
// is not yet to be trusted), attributes excluded from the model, and "Retrain now".
// Reads and writes through an AiSettingsBackend, so the same page serves a standalone
// client (ScoringScheduler) and, later, a team server. Without the ManageSettings
// permission everything is shown read-only, with a tooltip that says why.
class AiSettingsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit AiSettingsPanel(AiSettingsBackend &backend, QWidget *parent = nullptr);

    // Reads everything again from the backend (also on its settingsChanged signal).
    void reload();

private:
    void buildUi();
    void showModel();
    void commitThreshold();
    void onAttributeToggled(QListWidgetItem *item);
    void showError(const QString &message);

    AiSettingsBackend &m_backend;
    bool m_loading = false;
    QLabel *m_readOnlyNote = nullptr;
    QCheckBox *m_enabled = nullptr;
    QSlider *m_slider = nullptr;
    QSpinBox *m_spin = nullptr;
    QTimer *m_thresholdCommit = nullptr;
    QLabel *m_trainedAt = nullptr;
    QLabel *m_outcomes = nullptr;
    QLabel *m_auc = nullptr;
    QFrame *m_warningBox = nullptr;
    QLabel *m_warning = nullptr;
    QPushButton *m_retrain = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QListWidget *m_attributes = nullptr;
    QLabel *m_noAttributes = nullptr;
    QList<QWidget *> m_editors;
};

} // namespace Leads
