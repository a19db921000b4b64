// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/bulkedit.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QDateTimeEdit;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace Leads {

class LeadService;

// "Edit selected…" / "Edit all N matching…": one change (status with its lost reason,
// assignee, follow-up or a tag) applied to many leads through the rules of each; a
// progress dialog with Cancel for large selections; then what changed and what was
// refused, and why. The result is one undo step.
class BulkEditDialog : public QDialog
{
    Q_OBJECT
public:
    // Above this many leads a progress dialog with Cancel is shown.
    static constexpr int kProgressThreshold = 500;

    BulkEditDialog(LeadService &service, QStringList leadIds, QWidget *parent = nullptr);

    // The change as currently chosen in the form.
    BulkChange change() const;
    void setChange(const BulkChange &change);
    // Applies it (as Apply does) and shows the summary; false on a storage error.
    bool apply();
    const std::optional<BulkSummary> &summary() const { return m_summary; }
    QString summaryText() const;
    static QString describe(const BulkSummary &summary);

Q_SIGNALS:
    // After Apply, with what changed and what was refused (for the undo step).
    void applied(const Leads::BulkSummary &summary);

private:
    void kindChanged();

    LeadService &m_service;
    QStringList m_ids;
    std::optional<BulkSummary> m_summary;
    QComboBox *m_kind = nullptr;
    QStackedWidget *m_editors = nullptr;
    QComboBox *m_status = nullptr;
    QComboBox *m_lostReason = nullptr;
    QLabel *m_lostLabel = nullptr;
    QComboBox *m_assignee = nullptr;
    QDateTimeEdit *m_followUp = nullptr;
    QCheckBox *m_clearFollowUp = nullptr;
    QLineEdit *m_tag = nullptr;
    QLabel *m_result = nullptr;
    QPushButton *m_apply = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace Leads
