// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportdialog.h"

#include "domain/permissions.h"
#include "io/leadexporter.h"
#include "pdfreport.h"
#include "storage/database.h"
#include "storage/leadquery.h"
#include "storage/leadservice.h"

#include <QComboBox>
#include <QDate>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStandardPaths>
#include <QThread>
#include <QUrl>
#include <QVBoxLayout>

namespace Leads {

namespace {
const QString kFolderKey = QStringLiteral("export/folder");
const QString kFormatKey = QStringLiteral("export/format");

QString extensionFor(ExportDialog::Format format)
{
    switch (format) {
    case ExportDialog::Format::Csv:
    case ExportDialog::Format::CsvExcel: return QStringLiteral("csv");
    case ExportDialog::Format::Xlsx: return QStringLiteral("xlsx");
    case ExportDialog::Format::Pdf: return QStringLiteral("pdf");
    }
    return {};
}

bool isMemory(const QString &path)
{
    return path.isEmpty() || path == u":memory:";
}
} // namespace

void ExportDialog::run(LeadService &service, const LeadFilter &currentFilter, QWidget *parent)
{
    if (!service.permissions().allows(service.actor().role, Permission::Export)) {
        QMessageBox::information(parent, tr("Export"),
                                 tr("Your role may not export leads. An admin can allow it in Settings › Roles & "
                                    "permissions."));
        return;
    }
    auto *dialog = new ExportDialog(service, currentFilter, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

ExportDialog::ExportDialog(LeadService &service, const LeadFilter &currentFilter, QWidget *parent)
    : QDialog(parent), m_service(service), m_filter(currentFilter)
{
    setWindowTitle(tr("Export leads"));
    setObjectName(QStringLiteral("exportDialog"));
    QSettings settings;
    m_lastFolder = settings.value(kFolderKey, QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                       .toString();

    auto *form = new QFormLayout;
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_format->addItem(tr("CSV (UTF-8)"), int(Format::Csv));
    m_format->addItem(tr("CSV for Excel (UTF-8 with BOM)"), int(Format::CsvExcel));
    m_format->addItem(tr("Excel workbook (XLSX)"), int(Format::Xlsx));
    m_format->addItem(tr("PDF report (summary and lead list)"), int(Format::Pdf));
    m_format->setCurrentIndex(std::clamp(settings.value(kFormatKey, 0).toInt(), 0, m_format->count() - 1));
    form->addRow(tr("&Format:"), m_format);

    // The counts tell the user what each scope means before they pick it.
    const QSqlDatabase conn = service.database().connection();
    const LeadQuery::Context context{service.actor().userId, QDateTime::currentDateTimeUtc()};
    const auto inView = LeadQuery::count(conn, LeadQuery::where(m_filter, conn.driver(), context));
    const auto all = LeadQuery::count(conn, QString());
    const QLocale locale;
    m_currentView = new QRadioButton(inView ? tr("The current view (%1 leads)").arg(locale.toString(inView.value()))
                                                 : tr("The current view"), this);
    m_currentView->setObjectName(QStringLiteral("scopeCurrentView"));
    m_pipeline = new QRadioButton(all ? tr("The whole pipeline (%1 leads)").arg(locale.toString(all.value()))
                                           : tr("The whole pipeline"), this);
    m_pipeline->setObjectName(QStringLiteral("scopePipeline"));
    m_currentView->setChecked(true);
    auto *scope = new QVBoxLayout;
    scope->addWidget(m_currentView);
    scope->addWidget(m_pipeline);
    form->addRow(tr("Leads:"), scope);

    auto *fileRow = new QHBoxLayout;
    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("exportPath"));
    m_path->setMinimumWidth(320);
    m_browse = new QPushButton(tr("Choose…"), this);
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(m_browse);
    form->addRow(tr("&File:"), fileRow);
    m_path->setText(QDir(m_lastFolder).filePath(
        tr("leads-%1").arg(QDate::currentDate().toString(Qt::ISODate)) + u'.' + extensionFor(format())));

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_progress->setVisible(false);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("exportResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_openFolder = new QPushButton(tr("Open folder"), this);
    m_openFolder->setObjectName(QStringLiteral("exportOpenFolder"));
    m_openFolder->setVisible(false);
    auto *resultRow = new QHBoxLayout;
    resultRow->addWidget(m_result, 1);
    resultRow->addWidget(m_openFolder);

    auto *buttons = new QDialogButtonBox(this);
    m_export = buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    m_export->setObjectName(QStringLiteral("exportStart"));
    m_export->setDefault(true);
    m_close = buttons->addButton(QDialogButtonBox::Close);
    m_close->setObjectName(QStringLiteral("exportClose"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addLayout(resultRow);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::updateExtension);
    connect(m_browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_close, &QPushButton::clicked, this, &ExportDialog::reject);
    connect(m_openFolder, &QPushButton::clicked, this, [this] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(filePath()).absolutePath()));
    });
}

ExportDialog::~ExportDialog()
{
    if (m_thread) {
        m_cancel = true;
        m_thread->wait();
        delete m_thread;
    }
}

ExportDialog::Format ExportDialog::format() const
{
    return Format(m_format->currentData().toInt());
}

void ExportDialog::setFormat(Format format)
{
    m_format->setCurrentIndex(m_format->findData(int(format)));
}

ExportDialog::Scope ExportDialog::scope() const
{
    return m_pipeline->isChecked() ? Scope::Pipeline : Scope::CurrentView;
}

void ExportDialog::setScope(Scope scope)
{
    (scope == Scope::Pipeline ? m_pipeline : m_currentView)->setChecked(true);
}

QString ExportDialog::filePath() const
{
    return m_path->text().trimmed();
}

void ExportDialog::setFilePath(const QString &path)
{
    m_path->setText(path);
}

QString ExportDialog::resultText() const
{
    return m_result->text();
}

void ExportDialog::updateExtension()
{
    const QString path = filePath();
    if (path.isEmpty())
        return;
    const QFileInfo info(path);
    m_path->setText(info.dir().filePath(info.completeBaseName() + u'.' + extensionFor(format())));
}

void ExportDialog::browse()
{
    QString filter;
    switch (format()) {
    case Format::Csv:
    case Format::CsvExcel: filter = tr("CSV files (*.csv)"); break;
    case Format::Xlsx: filter = tr("Excel workbooks (*.xlsx)"); break;
    case Format::Pdf: filter = tr("PDF files (*.pdf)"); break;
    }
    const QString chosen = QFileDialog::getSaveFileName(this, tr("Export to"), filePath(), filter);
    if (!chosen.isEmpty())
        m_path->setText(chosen);
}

void ExportDialog::setBusy(bool busy)
{
    m_format->setEnabled(!busy);
    m_currentView->setEnabled(!busy);
    m_pipeline->setEnabled(!busy);
    m_path->setEnabled(!busy);
    m_browse->setEnabled(!busy);
    m_export->setEnabled(!busy);
    m_close->setText(busy ? tr("Cancel") : tr("Close"));
    m_progress->setVisible(true);
    if (busy) {
        m_progress->setValue(0);
        m_openFolder->setVisible(false);
        m_result->setText(tr("Exporting…"));
    }
}

void ExportDialog::startExport()
{
    if (isRunning())
        return;
    const QString path = filePath();
    if (path.isEmpty()) {
        m_result->setText(tr("Choose a file to export to."));
        return;
    }
    QSettings settings;
    settings.setValue(kFolderKey, QFileInfo(path).absolutePath());
    settings.setValue(kFormatKey, m_format->currentIndex());

    const Format fmt = format();
    std::optional<LeadFilter> filter;
    if (scope() == Scope::CurrentView && !m_filter.isEmpty())
        filter = m_filter;
    const LeadQuery::Context context{m_service.actor().userId, QDateTime::currentDateTimeUtc()};
    m_cancel = false;
    setBusy(true);

    // The work itself, given a database owned by the thread it runs on.
    auto work = [this, fmt, filter, context, path](Database &db) {
        RunResult outcome;
        QElapsedTimer timer;
        timer.start();
        auto progress = [this](qint64 done, qint64 total) {
            QMetaObject::invokeMethod(this, [this, done, total] { onProgress(done, total); }, Qt::QueuedConnection);
        };
        if (fmt == Format::Pdf) {
            PdfReport report(db);
            PdfReport::Options options;
            options.filter = filter;
            options.context = context;
            auto r = report.write(path, options, progress, &m_cancel);
            if (!r) {
                outcome.error = r.error().message();
            } else {
                outcome.ok = !r.value().cancelled;
                outcome.cancelled = r.value().cancelled;
                outcome.rows = r.value().rows;
                outcome.path = r.value().path;
            }
        } else {
            LeadExporter exporter(db);
            LeadExporter::Options options;
            options.format = fmt == Format::Xlsx ? LeadExporter::Format::Xlsx : LeadExporter::Format::Csv;
            options.bom = fmt == Format::CsvExcel;
            options.filter = filter;
            options.context = context;
            auto r = exporter.run(path, options, progress, &m_cancel);
            if (!r) {
                outcome.error = r.error().message();
            } else {
                outcome.ok = !r.value().cancelled;
                outcome.cancelled = r.value().cancelled;
                outcome.rows = r.value().rows;
                outcome.path = r.value().path;
            }
        }
        outcome.elapsedMs = timer.elapsed();
        return outcome;
    };

    const QString dbPath = m_service.database().path();
    if (isMemory(dbPath)) {
        // Another connection would see an empty database: export here.
        m_runningHere = true;
        const RunResult outcome = work(m_service.database());
        m_runningHere = false;
        onFinished(outcome);
        return;
    }
    m_thread = QThread::create([this, dbPath, work] {
        RunResult outcome;
        {
            auto db = Database::open(dbPath, Database::Mode::ReadOnly);
            if (!db)
                outcome.error = db.error().message();
            else
                outcome = work(*db.value());
        }
        QMetaObject::invokeMethod(this, [this, outcome] { onFinished(outcome); }, Qt::QueuedConnection);
    });
    m_thread->start();
}

void ExportDialog::cancelExport()
{
    m_cancel = true;
}

void ExportDialog::reject()
{
    if (isRunning()) {
        // Close while running means stop: the export ends without a file, then the
        // dialog stays open to say so.
        cancelExport();
        return;
    }
    QDialog::reject();
}

void ExportDialog::onProgress(qint64 done, qint64 total)
{
    m_progress->setValue(total > 0 ? int(done * 100 / total) : 0);
    m_result->setText(tr("%1 of %2 leads…").arg(QLocale().toString(done), QLocale().toString(total)));
}

void ExportDialog::onFinished(const RunResult &outcome)
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    setBusy(false);
    const QLocale locale;
    if (outcome.ok) {
        m_progress->setValue(100);
        m_result->setText(tr("%1 leads exported to %2 in %3 s.")
                              .arg(locale.toString(outcome.rows), QDir::toNativeSeparators(outcome.path),
                                   locale.toString(double(outcome.elapsedMs) / 1000.0, 'f', 1)));
        m_openFolder->setVisible(true);
    } else if (outcome.cancelled) {
        m_progress->setValue(0);
        m_result->setText(tr("Export cancelled; no file was written."));
    } else {
        m_progress->setValue(0);
        m_result->setText(tr("The export failed: %1").arg(outcome.error));
    }
    Q_EMIT finished(outcome.ok, outcome.rows, outcome.path);
}

} // namespace Leads
