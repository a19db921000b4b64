// SPDX-License-Identifier: GPL-3.0-or-later
#include "importwizard.h"

#include "domain/clock.h"
#include "leadsui.h"
#include "storage/database.h"
#include "widgets/statuspalette.h"

#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSet>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>

namespace Leads {

namespace {
constexpr int kPreviewRows = 200;

// The last page is complete only once the import has finished.
class RunPageWidget : public QWizardPage
{
public:
    bool isComplete() const override { return m_done; }
    void setDone(bool done)
    {
        m_done = done;
        Q_EMIT completeChanged();
    }

private:
    bool m_done = false;
};

QComboBox *fieldCombo(ImportMapping::Field current)
{
    auto *combo = new QComboBox;
    using F = ImportMapping::Field;
    for (F f : {F::Ignore, F::Name, F::Phone, F::Email, F::Company, F::Source, F::Status, F::ManualScore,
                F::Assignee, F::CreatedAt, F::Notes, F::Attribute})
        combo->addItem(ImportMapping::fieldLabel(f), int(f));
    combo->setCurrentIndex(combo->findData(int(current)));
    return combo;
}

QComboBox *typeCombo(ImportMapping::AttributeType current)
{
    auto *combo = new QComboBox;
    combo->addItem(ImportWizard::tr("Text"), int(ImportMapping::AttributeType::Text));
    combo->addItem(ImportWizard::tr("Number"), int(ImportMapping::AttributeType::Number));
    combo->addItem(ImportWizard::tr("Category"), int(ImportMapping::AttributeType::Category));
    combo->setCurrentIndex(combo->findData(int(current)));
    return combo;
}
} // namespace

ImportWizard::ImportWizard(QString databasePath, Actor actor, QWidget *parent)
    : QWizard(parent), m_databasePath(std::move(databasePath)), m_actor(std::move(actor))
{
    setWindowTitle(tr("Import leads"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    resize(820, 600);

    // 1. File and preview.
    auto *filePage = new QWizardPage;
    filePage->setTitle(tr("Choose a file"));
    filePage->setSubTitle(tr("A CSV or text file exported from a spreadsheet or another CRM. The encoding and "
                             "the delimiter are detected."));
    m_path = new QLineEdit;
    m_path->setPlaceholderText(tr("Path to a .csv file"));
    auto *browse = new QPushButton(tr("Browse…"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Import leads"), m_path->text(),
                                                          tr("CSV files (*.csv *.txt *.tsv);;All files (*)"));
        if (!file.isEmpty()) {
            m_path->setText(file);
            loadPreview();
        }
    });
    connect(m_path, &QLineEdit::editingFinished, this, &ImportWizard::loadPreview);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    m_formatLabel = new QLabel;
    m_formatLabel->setWordWrap(true);
    m_previewTable = new QTableWidget;
    m_previewTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_previewTable->verticalHeader()->setDefaultSectionSize(24);
    auto *fileLayout = new QVBoxLayout(filePage);
    fileLayout->addLayout(pathRow);
    fileLayout->addWidget(m_formatLabel);
    fileLayout->addWidget(m_previewTable, 1);
    setPage(FilePage, filePage);

    // 2. Mapping, status values, duplicates.
    auto *mappingPage = new QWizardPage;
    mappingPage->setTitle(tr("Map the columns"));
    mappingPage->setSubTitle(tr("Each column becomes a lead field or a custom attribute. The guess comes from the "
                                "column names; change anything that is wrong."));
    m_mappingTable = new QTableWidget(0, 4);
    m_mappingTable->setHorizontalHeaderLabels({tr("Column"), tr("Sample"), tr("Imports as"), tr("Attribute type")});
    m_mappingTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_mappingTable->verticalHeader()->hide();
    m_mappingTable->verticalHeader()->setDefaultSectionSize(28);
    m_statusTable = new QTableWidget(0, 2);
    m_statusTable->setHorizontalHeaderLabels({tr("Value in the file"), tr("Status")});
    m_statusTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_statusTable->verticalHeader()->hide();
    m_statusTable->setMaximumHeight(150);
    auto *dupBox = new QGroupBox(tr("When the contact already has an active lead"));
    m_skip = new QRadioButton(tr("&Skip the row"));
    m_update = new QRadioButton(tr("&Update the active lead (name, company, notes, score, attributes)"));
    m_create = new QRadioButton(tr("&Create it anyway if it is a closed lead (Converted, Lost, Archived)"));
    m_skip->setChecked(true);
    auto *dupLayout = new QVBoxLayout(dupBox);
    dupLayout->addWidget(m_skip);
    dupLayout->addWidget(m_update);
    dupLayout->addWidget(m_create);
    auto *mappingLayout = new QVBoxLayout(mappingPage);
    mappingLayout->addWidget(m_mappingTable, 1);
    mappingLayout->addWidget(new QLabel(tr("Status values")));
    mappingLayout->addWidget(m_statusTable);
    mappingLayout->addWidget(dupBox);
    setPage(MappingPage, mappingPage);

    // 3. Dry run.
    auto *reviewPage = new QWizardPage;
    reviewPage->setTitle(tr("Check before importing"));
    reviewPage->setSubTitle(tr("A dry run read the whole file with your mapping; nothing has been written yet."));
    m_reviewLabel = new QLabel;
    m_reviewLabel->setWordWrap(true);
    m_reviewLabel->setTextFormat(Qt::PlainText);
    auto *reviewLayout = new QVBoxLayout(reviewPage);
    reviewLayout->addWidget(m_reviewLabel);
    reviewLayout->addStretch();
    reviewPage->setButtonText(QWizard::NextButton, tr("&Import"));
    setPage(ReviewPage, reviewPage);

    // 4. Import with progress.
    auto *runPage = new RunPageWidget;
    runPage->setTitle(tr("Importing"));
    runPage->setFinalPage(true);
    m_progress = new QProgressBar;
    m_progress->setRange(0, 100);
    m_runLabel = new QLabel;
    m_runLabel->setWordWrap(true);
    m_runLabel->setTextFormat(Qt::PlainText);
    m_cancelRun = new QPushButton(tr("Cancel import"));
    connect(m_cancelRun, &QPushButton::clicked, this, [this] { m_cancel = true; });
    m_saveFailures = new QPushButton(tr("Save failed rows…"));
    m_saveFailures->setVisible(false);
    connect(m_saveFailures, &QPushButton::clicked, this, &ImportWizard::saveFailures);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_cancelRun);
    buttons->addStretch();

    // The outcome, shown when the import ends: four figures, then what failed and why.
    m_outcome = new QWidget;
    m_outcome->setVisible(false);
    auto *tiles = new QHBoxLayout;
    tiles->setContentsMargins(0, 0, 0, 0);
    const QString captions[4] = {tr("created"), tr("updated"), tr("skipped"), tr("failed")};
    for (int i = 0; i < 4; ++i) {
        auto *tile = new QFrame;
        tile->setFrameShape(QFrame::StyledPanel);
        auto *tileLayout = new QVBoxLayout(tile);
        m_counts[i] = new QLabel(QStringLiteral("0"));
        m_counts[i]->setObjectName(QStringLiteral("importCount%1").arg(i));
        QFont big = m_counts[i]->font();
        big.setPointSizeF(big.pointSizeF() * 1.8);
        big.setBold(true);
        m_counts[i]->setFont(big);
        auto *caption = new QLabel(captions[i]);
        tileLayout->addWidget(m_counts[i]);
        tileLayout->addWidget(caption);
        tiles->addWidget(tile);
    }
    m_failureHeading = new QLabel;
    m_failureHeading->setWordWrap(true);
    m_failureTable = new QTableWidget(0, 2);
    m_failureTable->setObjectName(QStringLiteral("importFailures"));
    m_failureTable->setHorizontalHeaderLabels({tr("Line"), tr("Why it was not imported")});
    m_failureTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_failureTable->horizontalHeader()->setStretchLastSection(true);
    m_failureTable->verticalHeader()->hide();
    m_failureTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_failureTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_failureTable->setWordWrap(false);
    auto *failureButtons = new QHBoxLayout;
    failureButtons->addWidget(m_saveFailures);
    failureButtons->addStretch();
    auto *outcomeLayout = new QVBoxLayout(m_outcome);
    outcomeLayout->setContentsMargins(0, 0, 0, 0);
    outcomeLayout->addLayout(tiles);
    outcomeLayout->addWidget(m_failureHeading);
    outcomeLayout->addWidget(m_failureTable, 1);
    outcomeLayout->addLayout(failureButtons);

    auto *runLayout = new QVBoxLayout(runPage);
    runLayout->addWidget(m_progress);
    runLayout->addWidget(m_runLabel);
    runLayout->addLayout(buttons);
    runLayout->addWidget(m_outcome, 1);
    runLayout->addStretch();
    setPage(RunPage, runPage);
    connect(this, &ImportWizard::progressChanged, m_progress, &QProgressBar::setValue);
}

ImportWizard::~ImportWizard()
{
    m_cancel = true;
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void ImportWizard::setFile(const QString &path)
{
    m_path->setText(path);
    loadPreview();
}

void ImportWizard::loadPreview()
{
    m_preview.reset();
    m_previewTable->clear();
    m_previewTable->setRowCount(0);
    m_previewTable->setColumnCount(0);
    QFile file(m_path->text().trimmed());
    if (m_path->text().trimmed().isEmpty())
        return;
    if (!file.open(QIODevice::ReadOnly)) {
        m_formatLabel->setText(tr("Cannot open the file: %1").arg(file.errorString()));
        return;
    }
    auto preview = LeadImporter::preview(&file, kPreviewRows);
    if (!preview) {
        m_formatLabel->setText(preview.error().message());
        return;
    }
    m_preview = preview.value();
    const QString delimiter = m_preview->delimiter == u'\t' ? tr("tab") : QString(m_preview->delimiter);
    m_formatLabel->setText(tr("%1 · delimiter %2 · %n column(s) · %3", nullptr, int(m_preview->header.size()))
                               .arg(m_preview->encoding, delimiter,
                                    QLocale().formattedDataSize(QFileInfo(file).size())));
    m_previewTable->setColumnCount(int(m_preview->header.size()));
    m_previewTable->setHorizontalHeaderLabels(m_preview->header);
    const int rows = int(std::min<qsizetype>(m_preview->rows.size(), 20));
    m_previewTable->setRowCount(rows);
    for (int r = 0; r < rows; ++r) {
        const QStringList &row = m_preview->rows.at(r);
        for (int c = 0; c < row.size() && c < m_preview->header.size(); ++c)
            m_previewTable->setItem(r, c, new QTableWidgetItem(row.at(c)));
    }
}

void ImportWizard::fillMappingTable()
{
    const ImportMapping guess = ImportMapping::guess(m_preview->header, m_preview->rows);
    m_mappingTable->setRowCount(int(m_preview->header.size()));
    for (int i = 0; i < m_preview->header.size(); ++i) {
        const ImportMapping::Column column = i < guess.columns.size() ? guess.columns.at(i) : ImportMapping::Column{};
        auto *name = new QTableWidgetItem(m_preview->header.at(i));
        name->setFlags(name->flags() & ~Qt::ItemIsEditable);
        QStringList samples;
        for (const QStringList &row : std::as_const(m_preview->rows)) {
            if (i < row.size() && !row.at(i).trimmed().isEmpty() && samples.size() < 3)
                samples.append(row.at(i).simplified());
        }
        auto *sample = new QTableWidgetItem(samples.join(QStringLiteral(" · ")));
        sample->setFlags(sample->flags() & ~Qt::ItemIsEditable);
        sample->setToolTip(samples.join(u'\n'));
        m_mappingTable->setItem(i, 0, name);
        m_mappingTable->setItem(i, 1, sample);
        auto *field = fieldCombo(column.field);
        auto *type = typeCombo(column.attributeType);
        type->setEnabled(column.field == ImportMapping::Field::Attribute);
        connect(field, &QComboBox::currentIndexChanged, this, [this, field, type] {
            type->setEnabled(field->currentData().toInt() == int(ImportMapping::Field::Attribute));
            fillStatusValues();
        });
        m_mappingTable->setCellWidget(i, 2, field);
        m_mappingTable->setCellWidget(i, 3, type);
    }
    m_mappingTable->resizeColumnToContents(0);
    m_mappingTable->setColumnWidth(2, 190);
    m_mappingTable->setColumnWidth(3, 120);
    fillStatusValues();
}

void ImportWizard::fillStatusValues()
{
    m_statusTable->setRowCount(0);
    int statusColumn = -1;
    for (int i = 0; i < m_mappingTable->rowCount(); ++i) {
        auto *combo = qobject_cast<QComboBox *>(m_mappingTable->cellWidget(i, 2));
        if (combo && combo->currentData().toInt() == int(ImportMapping::Field::Status))
            statusColumn = i;
    }
    if (statusColumn < 0 || !m_preview)
        return;
    const ImportMapping defaults = ImportMapping::guess(m_preview->header);
    QStringList values;
    for (const QStringList &row : std::as_const(m_preview->rows)) {
        const QString v = statusColumn < row.size() ? row.at(statusColumn).trimmed() : QString();
        if (!v.isEmpty() && !values.contains(v, Qt::CaseInsensitive))
            values.append(v);
    }
    m_statusTable->setRowCount(int(values.size()));
    for (int r = 0; r < values.size(); ++r) {
        auto *item = new QTableWidgetItem(values.at(r));
        item->setFlags(item->flags() & ~Qt::ItemIsEditable);
        m_statusTable->setItem(r, 0, item);
        auto *combo = new QComboBox;
        for (LeadStatus s : kAllStatuses)
            combo->addItem(Status::glyph(s) + u' ' + Status::label(s), Status::id(s));
        // Preselect what the importer would understand on its own.
        const QString key = values.at(r).toLower();
        std::optional<LeadStatus> known = defaults.statusValues.contains(key)
                                              ? std::optional(defaults.statusValues.value(key))
                                              : Status::fromId(QString(key).replace(u' ', u'_').replace(u'-', u'_'));
        for (LeadStatus s : kAllStatuses) {
            if (!known && Status::label(s).compare(values.at(r), Qt::CaseInsensitive) == 0)
                known = s;
        }
        combo->setCurrentIndex(known ? Status::index(*known) : 0);
        m_statusTable->setCellWidget(r, 1, combo);
    }
}

ImportMapping ImportWizard::mapping() const
{
    ImportMapping m;
    if (m_preview)
        m = ImportMapping::guess(m_preview->header, m_preview->rows);
    for (int i = 0; i < m_mappingTable->rowCount() && i < m.columns.size(); ++i) {
        auto *field = qobject_cast<QComboBox *>(m_mappingTable->cellWidget(i, 2));
        auto *type = qobject_cast<QComboBox *>(m_mappingTable->cellWidget(i, 3));
        ImportMapping::Column &c = m.columns[i];
        c.field = ImportMapping::Field(field->currentData().toInt());
        c.attributeType = ImportMapping::AttributeType(type->currentData().toInt());
        if (c.attributeKey.isEmpty())
            c.attributeKey = m_preview->header.at(i).trimmed();
    }
    for (int r = 0; r < m_statusTable->rowCount(); ++r) {
        auto *combo = qobject_cast<QComboBox *>(m_statusTable->cellWidget(r, 1));
        if (auto s = Status::fromId(combo->currentData().toString()))
            m.statusValues.insert(m_statusTable->item(r, 0)->text().toLower(), *s);
    }
    m.duplicates = m_update->isChecked()   ? ImportMapping::DuplicatePolicy::UpdateActive
                   : m_create->isChecked() ? ImportMapping::DuplicatePolicy::AlwaysCreate
                                           : ImportMapping::DuplicatePolicy::Skip;
    return m;
}

bool ImportWizard::validateCurrentPage()
{
    if (currentId() == FilePage) {
        loadPreview();
        return m_preview.has_value();
    }
    if (currentId() == MappingPage) {
        const ImportMapping m = mapping();
        const bool reachable = std::any_of(m.columns.cbegin(), m.columns.cend(), [](const ImportMapping::Column &c) {
            return c.field == ImportMapping::Field::Phone || c.field == ImportMapping::Field::Email;
        });
        if (!reachable) {
            QMessageBox::warning(this, windowTitle(),
                                 tr("Map a column to Phone or E-mail: every lead needs a way to reach the contact."));
            return false;
        }
        return true;
    }
    if (currentId() == ReviewPage)
        return m_dryRun.has_value() && !m_thread;
    return QWizard::validateCurrentPage();
}

void ImportWizard::initializePage(int id)
{
    if (id == MappingPage) {
        fillMappingTable();
    } else if (id == ReviewPage) {
        m_dryRun.reset();
        m_reviewLabel->setText(tr("Reading the whole file…"));
        startRun(true);
    } else if (id == RunPage) {
        page(RunPage)->setTitle(tr("Importing"));
        m_runLabel->setText(tr("Starting…"));
        m_progress->setValue(0);
        m_cancelRun->setEnabled(true);
        m_saveFailures->setVisible(false);
        startRun(false);
    }
    QWizard::initializePage(id);
}

void ImportWizard::startRun(bool dryRun)
{
    m_cancel = false;
    m_startMs = QDateTime::currentMSecsSinceEpoch();
    const QString path = m_path->text().trimmed();
    const QString dbPath = m_databasePath;
    const Actor actor = m_actor;
    LeadImporter::Options options;
    options.mapping = mapping();
    options.dryRun = dryRun;
    // The import runs on its own thread with its own connection; the UI thread only
    // receives progress and the final report through queued calls.
    m_thread = QThread::create([this, path, dbPath, actor, options, dryRun] {
        Result<LeadImporter::Report> result = Error(ErrorCode::Storage, tr("The import did not run."));
        {
            auto db = Database::open(dbPath);
            QFile file(path);
            if (!db)
                result = db.error();
            else if (!file.open(QIODevice::ReadOnly))
                result = Error(ErrorCode::NotFound, tr("Cannot open the file: %1").arg(file.errorString()));
            else {
                LeadImporter importer(*db.value(), actor, Clock::system());
                result = importer.run(&file, options, [this](qint64 done, qint64 total, qint64 rows) {
                    const int percent = total > 0 ? int(done * 100 / total) : 100;
                    QMetaObject::invokeMethod(this, [this, percent, rows] {
                        Q_EMIT progressChanged(percent);
                        const qint64 ms = std::max<qint64>(1, QDateTime::currentMSecsSinceEpoch() - m_startMs);
                        m_runLabel->setText(tr("%1 rows · %2 rows/s").arg(QLocale().toString(rows),
                                                                          QLocale().toString(rows * 1000 / ms)));
                    }, Qt::QueuedConnection);
                }, &m_cancel);
            }
        }
        QMetaObject::invokeMethod(this, [this, result, dryRun] { onFinished(result, dryRun); }, Qt::QueuedConnection);
    });
    m_thread->start();
}

void ImportWizard::onFinished(const Result<LeadImporter::Report> &result, bool dryRun)
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    if (!result) {
        (dryRun ? m_reviewLabel : m_runLabel)->setText(result.error().message());
        if (!dryRun) {
            m_cancelRun->setEnabled(false);
            static_cast<RunPageWidget *>(page(RunPage))->setDone(true);
        }
        return;
    }
    const LeadImporter::Report &r = result.value();
    if (dryRun) {
        QStringList reasons;
        for (const auto &f : r.failures) {
            if (reasons.size() >= 5)
                break;
            reasons.append(tr("line %1: %2").arg(f.line).arg(f.reason));
        }
        const QString summary = tr("%1 rows: %2 created, %3 updated, %4 skipped, %5 failed.")
                                    .arg(QLocale().toString(r.rows), QLocale().toString(r.created),
                                         QLocale().toString(r.updated), QLocale().toString(r.skipped),
                                         QLocale().toString(r.failed));
        m_dryRun = r;
        m_reviewLabel->setText(summary + (reasons.isEmpty() ? QString() : u"\n\n" + tr("First problems:") + u'\n'
                                                                              + reasons.join(u'\n')));
        return;
    }
    m_report = r;
    m_progress->setValue(100);
    m_cancelRun->setVisible(false);
    const QLocale locale;
    const qint64 perSecond = r.rows * 1000 / std::max<qint64>(1, r.elapsedMs);
    m_runLabel->setText((r.cancelled ? tr("Cancelled: whole batches before the cancel were kept.") + u'\n'
                                     : QString())
                        + tr("%1 rows read in %2 s (%3 rows/s).")
                              .arg(locale.toString(r.rows), locale.toString(double(r.elapsedMs) / 1000.0, 'f', 1),
                                   locale.toString(perSecond)));
    const qint64 figures[4] = {r.created, r.updated, r.skipped, r.failed};
    for (int i = 0; i < 4; ++i)
        m_counts[i]->setText(locale.toString(figures[i]));
    // Failures stand out; nothing failed reads as calm as the rest.
    m_counts[3]->setStyleSheet(r.failed == 0 ? QString()
                                             : QStringLiteral("color: %1").arg(StatusPalette::errorText(palette()).name()));
    // The reasons on screen, the whole rows in the file the button saves.
    constexpr int kShownFailures = 500;
    const int shown = int(std::min<qsizetype>(r.failures.size(), kShownFailures));
    m_failureTable->setRowCount(shown);
    for (int i = 0; i < shown; ++i) {
        const LeadImporter::FailedRow &f = r.failures.at(i);
        auto *line = new QTableWidgetItem(locale.toString(f.line));
        line->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_failureTable->setItem(i, 0, line);
        auto *reason = new QTableWidgetItem(f.reason);
        reason->setToolTip(f.reason);
        m_failureTable->setItem(i, 1, reason);
    }
    m_failureHeading->setText(r.failed == 0 ? QString()
                              : r.failed > shown
                                  ? tr("The first %1 of the %2 rows that were not imported. Save them all as a CSV "
                                       "with the reason in a last column, fix them and import that file.")
                                        .arg(locale.toString(shown), locale.toString(r.failed))
                                  : tr("Rows that were not imported. Save them as a CSV with the reason in a last "
                                       "column, fix them and import that file."));
    m_failureHeading->setVisible(r.failed > 0);
    m_failureTable->setVisible(r.failed > 0);
    m_saveFailures->setVisible(r.failed > 0);
    m_outcome->setVisible(true);
    page(RunPage)->setTitle(r.cancelled ? tr("Import cancelled") : tr("Import finished"));
    static_cast<RunPageWidget *>(page(RunPage))->setDone(true);
    Q_EMIT imported(r.created, r.updated);
}

void ImportWizard::saveFailures()
{
    if (!m_report)
        return;
    const QFileInfo info(m_path->text());
    const QString target = QFileDialog::getSaveFileName(
        this, tr("Save failed rows"), info.dir().filePath(info.completeBaseName() + QStringLiteral(".failed.csv")),
        tr("CSV files (*.csv)"));
    if (target.isEmpty())
        return;
    QFile out(target);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || !LeadImporter::writeFailures(*m_report, &out))
        QMessageBox::warning(this, windowTitle(), tr("Cannot write %1: %2").arg(target, out.errorString()));
}

void ImportWizard::reject()
{
    if (m_thread) {
        // Closing while running cancels; the batch in progress is rolled back.
        m_cancel = true;
        return;
    }
    QWizard::reject();
}

} // namespace Leads
