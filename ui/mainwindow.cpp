// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "storage/database.h"
#include "storage/leadservice.h"

#include <QLabel>
#include <QSqlQuery>
#include <QStatusBar>

namespace Leads {

MainWindow::MainWindow(LeadService &service, QWidget *parent) : QMainWindow(parent), m_service(service)
{
    setWindowTitle(tr("Leads"));
    QSqlQuery q(service.database().connection());
    qint64 count = 0;
    if (q.exec(QStringLiteral("SELECT COUNT(*) FROM leads")) && q.next())
        count = q.value(0).toLongLong();
    auto *label = new QLabel(tr("%n lead(s) in the local database", nullptr, int(count)), this);
    label->setAlignment(Qt::AlignCenter);
    setCentralWidget(label);
    statusBar()->showMessage(tr("Local database: %1").arg(service.database().path()));
    resize(1200, 800);
}

MainWindow::~MainWindow() = default;

} // namespace Leads
