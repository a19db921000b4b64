// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/permissions.h"
#include "io/leadimporter.h"

#include <QWizard>

#include <atomic>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QTableWidget;
class QThread;

namespace Leads {

// The CSV import wizard: pick a file, check the detected format and the preview, map the
// columns (guessed from the header) and the status values, choose what happens to
// contacts that already have an active lead, see what a dry run would do, then import
// off the UI thread with progress, rows/s and cancel, and save the failed rows.
class ImportWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId { FilePage, MappingPage, ReviewPage, RunPage };

    ImportWizard(QString databasePath, Actor actor, QWidget *parent = nullptr);
    ~ImportWizard() override;

    // For tests and drag-and-drop: start with this file selected.
    void setFile(const QString &path);
    const std::optional<LeadImporter::Report> &report() const { return m_report; }
    bool isRunning() const { return m_thread != nullptr; }
    ImportMapping mapping() const;

    bool validateCurrentPage() override;

Q_SIGNALS:
    // Emitted once the import finished (also when cancelled) so the page can refresh.
    void imported(qint64 created, qint64 updated);
    void progressChanged(int percent);

protected:
    void initializePage(int id) override;
    void reject() override;

private:
    void loadPreview();
    void fillMappingTable();
    void fillStatusValues();
    void startRun(bool dryRun);
    void onFinished(const Result<LeadImporter::Report> &result, bool dryRun);
    void saveFailures();

    QString m_databasePath;
    Actor m_actor;
    std::optional<LeadImporter::Preview> m_preview;
    std::optional<LeadImporter::Report> m_report;
    std::optional<LeadImporter::Report> m_dryRun;
    std::atomic_bool m_cancel = false;
    QThread *m_thread = nullptr;
    qint64 m_startMs = 0;

    QLineEdit *m_path = nullptr;
    QLabel *m_formatLabel = nullptr;
    QTableWidget *m_previewTable = nullptr;
    QTableWidget *m_mappingTable = nullptr;
    QTableWidget *m_statusTable = nullptr;
    QRadioButton *m_skip = nullptr;
    QRadioButton *m_update = nullptr;
    QRadioButton *m_create = nullptr;
    QLabel *m_reviewLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_runLabel = nullptr;
    QPushButton *m_cancelRun = nullptr;
    QPushButton *m_saveFailures = nullptr;
    // The outcome: one figure each for created, updated, skipped and failed, then the
    // failed rows with their reasons.
    QWidget *m_outcome = nullptr;
    QLabel *m_counts[4] = {};
    QLabel *m_failureHeading = nullptr;
    QTableWidget *m_failureTable = nullptr;
};

} // namespace Leads
