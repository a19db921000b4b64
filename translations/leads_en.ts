<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Leads::AssignDialog</name>
    <message numerus="yes">
        <source>Assign %n lead(s)</source>
        <translation>
            <numerusform>Assign %n lead</numerusform>
            <numerusform>Assign %n leads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of the selected leads are converted, lost or archived and keep their assignee.</source>
        <translation>
            <numerusform>%n of the selected leads is converted, lost or archived and keeps its assignee.</numerusform>
            <numerusform>%n of the selected leads are converted, lost or archived and keep their assignee.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 — %n active lead(s)</source>
        <translation>
            <numerusform>%1 · %2 — %n active lead</numerusform>
            <numerusform>%1 · %2 — %n active leads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unassign %n lead(s)</source>
        <translation>
            <numerusform>Unassign %n lead</numerusform>
            <numerusform>Unassign %n leads</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Leads::BulkEditDialog</name>
    <message numerus="yes">
        <source>Edit %n lead(s)</source>
        <translation>
            <numerusform>Edit %n lead</numerusform>
            <numerusform>Edit %n leads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Change %n lead(s). Each lead goes through the usual rules; the ones that refuse are listed with the reason.</source>
        <translation>
            <numerusform>Change %n lead. Each lead goes through the usual rules; the ones that refuse are listed with the reason.</numerusform>
            <numerusform>Change %n leads. Each lead goes through the usual rules; the ones that refuse are listed with the reason.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Changed %n lead(s).</source>
        <translation>
            <numerusform>Changed %n lead.</numerusform>
            <numerusform>Changed %n leads.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refused %n lead(s):</source>
        <translation>
            <numerusform>Refused %n lead:</numerusform>
            <numerusform>Refused %n leads:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• %1 — %n lead(s), e.g. %2</source>
        <translation>
            <numerusform>• %1 — %n lead, e.g. %2</numerusform>
            <numerusform>• %1 — %n leads, e.g. %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Leads::ClientShell</name>
    <message numerus="yes">
        <source>%n change(s) have not reached the server yet. They stay on this computer and are sent when you sign in again — unless you remove the leads.</source>
        <translation>
            <numerusform>%n change has not reached the server yet. It stays on this computer and is sent when you sign in again — unless you remove the leads.</numerusform>
            <numerusform>%n changes have not reached the server yet. They stay on this computer and are sent when you sign in again — unless you remove the leads.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Leads::DuplicatesDialog</name>
    <message numerus="yes">
        <source>%n group(s) of active leads that may be the same person. Select two leads of a group (or the group) and choose Merge….</source>
        <translation>
            <numerusform>%n group of active leads that may be the same person. Select two leads of a group (or the group) and choose Merge….</numerusform>
            <numerusform>%n groups of active leads that may be the same person. Select two leads of a group (or the group) and choose Merge….</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Leads::FollowUpPopup</name>
    <message numerus="yes">
        <source>Snooze %n min</source>
        <translation>
            <numerusform>Snooze %n min</numerusform>
            <numerusform>Snooze %n min</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Leads::ImportWizard</name>
    <message numerus="yes">
        <source>%1 · delimiter %2 · %n column(s) · %3</source>
        <translation>
            <numerusform>%1 · delimiter %2 · %n column · %3</numerusform>
            <numerusform>%1 · delimiter %2 · %n columns · %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Leads::LeadsPage</name>
    <message numerus="yes">
        <source>%n lead(s) moved to the unassigned queue.</source>
        <translation>
            <numerusform>%n lead moved to the unassigned queue.</numerusform>
            <numerusform>%n leads moved to the unassigned queue.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s) assigned.</source>
        <translation>
            <numerusform>%n lead assigned.</numerusform>
            <numerusform>%n leads assigned.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n final lead(s) kept their assignee.</source>
        <translation>
            <numerusform>%n final lead kept its assignee.</numerusform>
            <numerusform>%n final leads kept their assignee.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already there.</source>
        <translation>
            <numerusform>%n already there.</numerusform>
            <numerusform>%n already there.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Leads::MainWindow</name>
    <message numerus="yes">
        <source>bulk edit of %n lead(s)</source>
        <translation>
            <numerusform>bulk edit of %n lead</numerusform>
            <numerusform>bulk edit of %n leads</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Leads::MergeDialog</name>
    <message numerus="yes">
        <source>Created %1 · %n timeline entries</source>
        <translation>
            <numerusform>Created %1 · %n timeline entry</numerusform>
            <numerusform>Created %1 · %n timeline entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Leads::NotAppliedDialog</name>
    <message numerus="yes">
        <source>%n change(s) queued again.</source>
        <translation>
            <numerusform>%n change queued again.</numerusform>
            <numerusform>%n changes queued again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Leads::ScoringScheduler</name>
    <message numerus="yes">
        <source>Trained on %n outcome(s).</source>
        <translation>
            <numerusform>Trained on %n outcome.</numerusform>
            <numerusform>Trained on %n outcomes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Leads::SyncController</name>
    <message numerus="yes">
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n change waiting</numerusform>
            <numerusform>%n changes waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Offline · %n change(s) waiting</source>
        <translation>
            <numerusform>Offline · %n change waiting</numerusform>
            <numerusform>Offline · %n changes waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Trying again in %n second(s).</source>
        <translation>
            <numerusform>Trying again in %n second.</numerusform>
            <numerusform>Trying again in %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not applied by the server.</source>
        <translation>
            <numerusform>%n change not applied by the server.</numerusform>
            <numerusform>%n changes not applied by the server.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MergeService</name>
    <message numerus="yes">
        <source>Merged &quot;%1&quot; into this lead (%n timeline entries).</source>
        <translation>
            <numerusform>Merged &quot;%1&quot; into this lead (%n timeline entry).</numerusform>
            <numerusform>Merged &quot;%1&quot; into this lead (%n timeline entries).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merged &quot;%1&quot; (%2) into this lead (%n timeline entries).</source>
        <translation>
            <numerusform>Merged &quot;%1&quot; (%2) into this lead (%n timeline entry).</numerusform>
            <numerusform>Merged &quot;%1&quot; (%2) into this lead (%n timeline entries).</numerusform>
        </translation>
    </message>
</context>
</TS>
