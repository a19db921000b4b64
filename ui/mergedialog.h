// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/lead.h"
#include "domain/mergeplan.h"
#include "storage/mergeservice.h"

#include <QDialog>
#include <QMap>

#include <optional>

class QButtonGroup;
class QGridLayout;
class QLabel;
class QPushButton;
class QRadioButton;

namespace Leads {

class LeadService;

// Two leads side by side, a radio per field choosing which value the merged lead keeps,
// a preview of the result and Merge. The lead on the left is kept (the other's timeline
// joins it); "Keep the other" swaps them.
class MergeDialog : public QDialog
{
    Q_OBJECT
public:
    MergeDialog(LeadService &service, const QString &targetId, const QString &otherId, QWidget *parent = nullptr);

    const MergePlan &plan() const { return m_plan; }
    // Chooses a side as a click on its radio does.
    void choose(MergeField field, MergePlan::Side side);
    QRadioButton *radio(MergeField field, MergePlan::Side side) const;
    QPushButton *mergeButton() const { return m_merge; }
    QString previewText() const;
    QString problemText() const;
    // What the merge did, once Merge succeeded (for the undo step).
    const std::optional<MergeRecord> &record() const { return m_record; }
    void swapSides();

private:
    void load(const QString &targetId, const QString &otherId);
    void rebuild();
    void updatePreview();
    void merge();

    LeadService &m_service;
    Lead m_target;
    Lead m_other;
    MergePlan m_plan;
    std::optional<MergeRecord> m_record;
    QMap<MergeField, QPair<QRadioButton *, QRadioButton *>> m_radios;
    QWidget *m_grid = nullptr;
    QLabel *m_preview = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_merge = nullptr;
};

} // namespace Leads
