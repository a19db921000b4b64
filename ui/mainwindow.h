// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

namespace Leads {

class LeadService;

// The desktop client's main window: sidebar, pages, status bar.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(LeadService &service, QWidget *parent = nullptr);
    ~MainWindow() override;

private:
    LeadService &m_service;
};

} // namespace Leads
