// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/leadfilter.h"

#include <QDialog>

#include <atomic>

class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QThread;

namespace Leads {

class LeadService;

// Exports the Leads page's current view or the whole pipeline as CSV, CSV for Excel,
// XLSX or a PDF report. The export runs on a worker thread with its own read-only
// connection to the same database file (an in-memory database, which another
// connection cannot see, is exported on the caller's thread), with progress and Cancel;
// a cancelled export leaves no file.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Format { Csv, CsvExcel, Xlsx, Pdf };
    enum class Scope { CurrentView, Pipeline };

    // Opens the dialog for `parent` (window-modal, deletes itself when closed); tells the
    // user instead when their role may not export.
    static void run(LeadService &service, const LeadFilter &currentFilter, QWidget *parent);

    ExportDialog(LeadService &service, const LeadFilter &currentFilter, QWidget *parent = nullptr);
    ~ExportDialog() override;

    Format format() const;
    void setFormat(Format format);
    Scope scope() const;
    void setScope(Scope scope);
    QString filePath() const;
    void setFilePath(const QString &path);
    bool isRunning() const { return m_thread != nullptr || m_runningHere; }
    QString resultText() const;

public Q_SLOTS:
    void startExport();
    void cancelExport();

Q_SIGNALS:
    // The export ended: `ok` false on failure or cancel; `rows` written.
    void finished(bool ok, qint64 rows, const QString &path);

protected:
    void reject() override;

private:
    struct RunResult
    {
        bool ok = false;
        bool cancelled = false;
        qint64 rows = 0;
        QString path;
        QString error;
        qint64 elapsedMs = 0;
    };
    void browse();
    void updateExtension();
    void setBusy(bool busy);
    void onProgress(qint64 done, qint64 total);
    void onFinished(const RunResult &outcome);

    LeadService &m_service;
    LeadFilter m_filter;
    QComboBox *m_format = nullptr;
    QRadioButton *m_currentView = nullptr;
    QRadioButton *m_pipeline = nullptr;
    QLineEdit *m_path = nullptr;
    QPushButton *m_browse = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_result = nullptr;
    QPushButton *m_openFolder = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_close = nullptr;
    QThread *m_thread = nullptr;
    bool m_runningHere = false;
    std::atomic_bool m_cancel = false;
    QString m_lastFolder;
};

} // namespace Leads
