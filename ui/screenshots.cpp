// SPDX-License-Identifier: GPL-3.0-or-later
#include "screenshots.h"

#include "domain/clock.h"
#include "domain/staleness.h"
#include "kanbanboard.h"
#include "leadspage.h"
#include "leadtablemodel.h"
#include "mainwindow.h"
#include "sidebar.h"
#include "settingsdialog.h"
#include "signindialog.h"
#include "teamsettings.h"
#include "synccontroller.h"
#include "sync/authclient.h"
#include "storage/database.h"
#include "storage/leadservice.h"
#include "storage/sampledata.h"

#include <QApplication>
#include <QDir>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QSet>
#include <QStyle>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>

namespace Leads {

namespace {

// Which statuses the rows on screen show.
QSet<QString> visibleStatuses(QTableView *view, LeadTableModel *model)
{
    QSet<QString> seen;
    const int rows = view->viewport()->height() / view->verticalHeader()->defaultSectionSize();
    for (int r = 0; r < std::min(rows, model->rowCount()); ++r)
        seen.insert(model->data(model->index(r, 0), LeadTableModel::StatusRole).toString());
    return seen;
}

} // namespace

void Screenshots::applyDeterministicLook()
{
    for (const char *file : {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"}) {
        const QString path = QStringLiteral("/usr/share/fonts/truetype/dejavu/") + QLatin1String(file);
        if (QFile::exists(path))
            QFontDatabase::addApplicationFont(path);
    }
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(QApplication::style()->standardPalette());
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSize(10);
    font.setHintingPreference(QFont::PreferNoHinting);
    QApplication::setFont(font);
}

Result<QStringList> Screenshots::render(const QString &dir)
{
    if (!QDir().mkpath(dir))
        return Error(ErrorCode::InvalidInput, QApplication::translate("Screenshots", "Cannot create %1").arg(dir));
    applyDeterministicLook();
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    // The first seed whose alphabetical list puts all eight status colours on screen; the
    // search is deterministic, so every run picks the same one.
    constexpr quint64 kFirstSeed = 42;
    constexpr quint64 kLastSeed = 72;
    for (quint64 seed = kFirstSeed;; ++seed) {
        auto result = renderSeed(dir, seed, seed == kLastSeed);
        if (result)
            return *result;
    }
}

std::optional<Result<QStringList>> Screenshots::renderSeed(const QString &dir, quint64 seed, bool lastTry)
{
    QTemporaryDir temp;
    if (!temp.isValid())
        return Error(ErrorCode::Storage, QApplication::translate("Screenshots", "No temporary directory"));
    auto opened = Database::open(temp.filePath(QStringLiteral("screenshots.sqlite")));
    if (!opened)
        return opened.error();
    Database &db = *opened.value();
    const QDateTime now(QDate(2026, 3, 2), QTime(10, 0), Qt::UTC);
    SampleData::Options options;
    options.leads = 1200;
    options.seed = seed;
    options.now = now;
    if (auto seeded = SampleData::generate(db, options); !seeded)
        return seeded.error();

    FixedClock clock(now);
    LeadService service(db, Actor{QStringLiteral("u-admin"), QStringLiteral("Alex Morgan"), Role::Admin}, clock);
    MainWindow window(service, clock, false);
    SyncController sync(db);
    window.attachSync(&sync);
    window.resize(kWindowSize);
    window.show();
    QApplication::processEvents();

    LeadsPage *page = window.leadsPage();
    QTableView *view = page->view();
    // The full table (every column) and a filter chip; the detail pane is closed.
    page->splitter()->setSizes({kWindowSize.width() - 216, 0});
    LeadFilter filter;
    filter.sources = {QStringLiteral("broadcast"), QStringLiteral("chat"), QStringLiteral("integration")};
    page->setLeadFilter(filter);
    view->horizontalHeader()->setSortIndicator(int(LeadTableModel::Column::Name), Qt::AscendingOrder);
    QApplication::processEvents();
    if (visibleStatuses(view, page->model()).size() < 8 && !lastTry)
        return std::nullopt;
    // Show the detail of a lead that has a lively timeline.
    for (int r = 0; r < page->model()->rowCount(); ++r) {
        if (page->model()->data(page->model()->index(r, 0), LeadTableModel::StatusRole).toString() == u"qualified") {
            view->selectRow(r);
            break;
        }
    }
    view->clearFocus();
    window.setFocus();
    QApplication::processEvents();

    if (window.size() != kWindowSize)
        return Error(ErrorCode::InvalidInput, QApplication::translate("Screenshots", "The window needs %1×%2 px, more than %3×%4")
                                                  .arg(window.width()).arg(window.height())
                                                  .arg(kWindowSize.width()).arg(kWindowSize.height()));
    QStringList written;
    const QString pagePath = QDir(dir).filePath(QStringLiteral("leads-page.png"));
    const QString sidebarPath = QDir(dir).filePath(QStringLiteral("leads-sidebar.png"));
    QPixmap shot = window.grab();
    if (!shot.save(pagePath))
        return Error(ErrorCode::Storage, QApplication::translate("Screenshots", "Cannot write %1").arg(pagePath));
    written.append(pagePath);
    QPixmap side = window.sidebar()->grab();
    if (!side.save(sidebarPath))
        return Error(ErrorCode::Storage, QApplication::translate("Screenshots", "Cannot write %1").arg(sidebarPath));
    written.append(sidebarPath);

    // The board: the same leads as cards per status, with stale leads marked (Contacted
    // over three days without activity).
    {
        StaleRules rules;
        rules.setMaxAgeHours(LeadStatus::New, 24 * 5);
        rules.setMaxAgeHours(LeadStatus::Contacted, 72);
        (void)service.setSetting(StaleRules::settingKey(), rules.toSetting());
        page->applyPermissions();
        page->setLeadFilter({});
        page->setMode(LeadsPage::Mode::Board);
        page->board()->selectLead({});
        QApplication::processEvents();
        const QString boardPath = QDir(dir).filePath(QStringLiteral("leads-board.png"));
        if (!window.grab().save(boardPath))
            return Error(ErrorCode::Storage, QApplication::translate("Screenshots", "Cannot write %1").arg(boardPath));
        written.append(boardPath);
        page->setMode(LeadsPage::Mode::Table);
    }

    // The sign-in dialog as a user meets it after a typo in the password.
    QNetworkAccessManager nam;
    AuthClient auth(&nam);
    SignInDialog signIn(&auth, &window);
    signIn.setServer(QStringLiteral("https://leads.example.com"));
    signIn.setUsername(QStringLiteral("maria"));
    signIn.passwordEdit()->setText(QStringLiteral("password"));
    signIn.showError(QApplication::translate("AuthClient", "The user name or password is wrong."));
    signIn.adjustSize();
    const QString signInPath = QDir(dir).filePath(QStringLiteral("sign-in.png"));
    if (!signIn.grab().save(signInPath))
        return Error(ErrorCode::Storage, QApplication::translate("Screenshots", "Cannot write %1").arg(signInPath));
    written.append(signInPath);

    // The settings as an admin sees them: the role × permission grid.
    LocalTeamSettings team(service);
    SettingsDialog settings(service.actor(), team, nullptr, &window);
    settings.showPage(QStringLiteral("permissions"));
    settings.resize(900, 600);
    const QString settingsPath = QDir(dir).filePath(QStringLiteral("settings.png"));
    if (!settings.grab().save(settingsPath))
        return Error(ErrorCode::Storage, QApplication::translate("Screenshots", "Cannot write %1").arg(settingsPath));
    written.append(settingsPath);
    window.close();
    return written;
}

} // namespace Leads
