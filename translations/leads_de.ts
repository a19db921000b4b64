<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AuthClient</name>
    <message>
        <source>The user name or password is wrong.</source>
        <translation>Benutzername oder Passwort ist falsch.</translation>
    </message>
</context>
<context>
    <name>BulkEdit</name>
    <message>
        <source>The lead already has the tag &quot;%1&quot;.</source>
        <translation>Der Lead hat bereits das Schlagwort „%1“.</translation>
    </message>
</context>
<context>
    <name>CrashReport</name>
    <message>
        <source>Leads closed unexpectedly</source>
        <translation>Leads wurde unerwartet beendet</translation>
    </message>
    <message>
        <source>Leads stopped unexpectedly last time. Your leads are safe: every change was saved when you made it. This report holds no lead data; sending it to whoever supports Leads helps fix the cause.</source>
        <translation>Leads wurde beim letzten Mal unerwartet beendet. Ihre Leads sind sicher: Jede Änderung wurde gespeichert, als Sie sie gemacht haben. Dieser Bericht enthält keine Lead-Daten; wenn Sie ihn an den Support von Leads senden, hilft das, die Ursache zu beheben.</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>Bericht kopieren</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>Database error while %1: %2</source>
        <translation>Datenbankfehler beim %1: %2</translation>
    </message>
</context>
<context>
    <name>ImportMapping</name>
    <message>
        <source>Ignore</source>
        <translation>Ignorieren</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Manual score</source>
        <translation>Manuelle Bewertung</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <source>Created date</source>
        <translation>Erstellungsdatum</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Custom attribute</source>
        <translation>Eigenes Attribut</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Kampagne</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Wiedervorlage</translation>
    </message>
</context>
<context>
    <name>Interaction</name>
    <message>
        <source>Lead created</source>
        <translation>Lead erstellt</translation>
    </message>
    <message>
        <source>Broadcast reply</source>
        <translation>Antwort auf Rundsendung</translation>
    </message>
    <message>
        <source>Message received</source>
        <translation>Nachricht empfangen</translation>
    </message>
    <message>
        <source>Message sent</source>
        <translation>Nachricht gesendet</translation>
    </message>
    <message>
        <source>Integration event</source>
        <translation>Integrationsereignis</translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation>Status geändert</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Zugewiesen</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Scored</source>
        <translation>Bewertet</translation>
    </message>
    <message>
        <source>Follow-up set</source>
        <translation>Wiedervorlage gesetzt</translation>
    </message>
</context>
<context>
    <name>LeadFilter</name>
    <message>
        <source>Any follow-up</source>
        <translation>Beliebige Wiedervorlage</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Heute fällig</translation>
    </message>
    <message>
        <source>Due today or overdue</source>
        <translation>Heute fällig oder überfällig</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Beliebiger Zeitraum</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Dieser Monat</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>Eigener Zeitraum</translation>
    </message>
</context>
<context>
    <name>LeadStatus</name>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>Kontaktiert</translation>
    </message>
    <message>
        <source>Qualifying</source>
        <translation>In Qualifizierung</translation>
    </message>
    <message>
        <source>Qualified</source>
        <translation>Qualifiziert</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Wiedervorlage</translation>
    </message>
    <message>
        <source>Converted</source>
        <translation>Konvertiert</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Verloren</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
</context>
<context>
    <name>LeadSyncMarks</name>
    <message>
        <source>reading what waits to sync</source>
        <translation>Lesen dessen, was auf die Synchronisierung wartet</translation>
    </message>
</context>
<context>
    <name>LeadTags</name>
    <message>
        <source>adding a tag</source>
        <translation>Hinzufügen eines Schlagworts</translation>
    </message>
</context>
<context>
    <name>Leads</name>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Manager</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>view all leads</source>
        <translation>alle Leads ansehen</translation>
    </message>
    <message>
        <source>view unassigned leads</source>
        <translation>nicht zugewiesene Leads ansehen</translation>
    </message>
    <message>
        <source>create leads</source>
        <translation>Leads anlegen</translation>
    </message>
    <message>
        <source>change lead status</source>
        <translation>den Lead-Status ändern</translation>
    </message>
    <message>
        <source>assign leads</source>
        <translation>Leads zuweisen</translation>
    </message>
    <message>
        <source>score leads</source>
        <translation>Leads bewerten</translation>
    </message>
    <message>
        <source>add notes</source>
        <translation>Notizen hinzufügen</translation>
    </message>
    <message>
        <source>set follow-ups</source>
        <translation>Wiedervorlagen setzen</translation>
    </message>
    <message>
        <source>import leads</source>
        <translation>Leads importieren</translation>
    </message>
    <message>
        <source>export leads</source>
        <translation>Leads exportieren</translation>
    </message>
    <message>
        <source>manage lead settings</source>
        <translation>Lead-Einstellungen verwalten</translation>
    </message>
    <message>
        <source>manage users</source>
        <translation>Benutzer verwalten</translation>
    </message>
    <message>
        <source>manage permissions</source>
        <translation>Berechtigungen verwalten</translation>
    </message>
    <message>
        <source>This lead is assigned to someone else; you can only work your own leads.</source>
        <translation>Dieser Lead ist jemand anderem zugewiesen; Sie können nur Ihre eigenen Leads bearbeiten.</translation>
    </message>
    <message>
        <source>This lead is %1 and can no longer %2.</source>
        <translation>Dieser Lead ist %1; nicht mehr möglich: %2.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Cannot train the AI model: %1 has %2 converted and %3 lost leads, and it needs both to learn what tells them apart.</source>
        <translation>Das KI-Modell kann nicht trainiert werden: %1 enthält %2 konvertierte und %3 verlorene Leads, und es braucht beides, um zu lernen, was sie unterscheidet.</translation>
    </message>
    <message>
        <source>Training the AI model did not converge.</source>
        <translation>Das Training des KI-Modells ist nicht konvergiert.</translation>
    </message>
    <message>
        <source>reading leads to score</source>
        <translation>Lesen der zu bewertenden Leads</translation>
    </message>
    <message>
        <source>reading interactions to score</source>
        <translation>Lesen der Interaktionen zur Bewertung</translation>
    </message>
    <message>
        <source>reading lead attributes to score</source>
        <translation>Lesen der Lead-Attribute zur Bewertung</translation>
    </message>
    <message>
        <source>Cannot read &quot;%1&quot;: %2</source>
        <translation>„%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a Leads database (it is not an SQLite file). The file was left untouched.</source>
        <translation>„%1“ ist keine Leads-Datenbank (keine SQLite-Datei). Die Datei wurde nicht verändert.</translation>
    </message>
    <message>
        <source>Database error while %1: %2</source>
        <translation>Datenbankfehler beim %1: %2</translation>
    </message>
    <message>
        <source>No lead with id %1 exists (it may have been deleted).</source>
        <translation>Es gibt keinen Lead mit der ID %1 (vielleicht wurde er gelöscht).</translation>
    </message>
    <message>
        <source>reading the undo information</source>
        <translation>Lesen der Informationen zum Rückgängigmachen</translation>
    </message>
</context>
<context>
    <name>Leads::ActiveLeadRule</name>
    <message>
        <source>This contact already has an active lead (%1). Open it instead of creating a second one.</source>
        <translation>Für diesen Kontakt gibt es bereits einen aktiven Lead (%1). Öffnen Sie ihn, statt einen zweiten anzulegen.</translation>
    </message>
</context>
<context>
    <name>Leads::AiSettingsPanel</name>
    <message>
        <source>good at telling likely buyers apart</source>
        <translation>gut darin, wahrscheinliche Käufer zu erkennen</translation>
    </message>
    <message>
        <source>useful</source>
        <translation>brauchbar</translation>
    </message>
    <message>
        <source>weak</source>
        <translation>schwach</translation>
    </message>
    <message>
        <source>no better than chance</source>
        <translation>nicht besser als Zufall</translation>
    </message>
    <message>
        <source>Training on the team&apos;s converted and lost leads…</source>
        <translation>Training mit den konvertierten und verlorenen Leads des Teams…</translation>
    </message>
    <message>
        <source>Trained. Rescoring the open leads…</source>
        <translation>Trainiert. Offene Leads werden neu bewertet…</translation>
    </message>
    <message>
        <source>Rescoring open leads: %1 of %2</source>
        <translation>Offene Leads werden neu bewertet: %1 von %2</translation>
    </message>
    <message>
        <source>No open leads to rescore.</source>
        <translation>Keine offenen Leads zum Neubewerten.</translation>
    </message>
    <message>
        <source>Open leads rescored: %1. Reached the threshold and moved to Qualified: %2.</source>
        <translation>Offene Leads neu bewertet: %1. Schwelle erreicht und nach „Qualifiziert“ verschoben: %2.</translation>
    </message>
    <message>
        <source>Open leads rescored: %1.</source>
        <translation>Offene Leads neu bewertet: %1.</translation>
    </message>
    <message>
        <source>AI qualification</source>
        <translation>KI-Qualifizierung</translation>
    </message>
    <message>
        <source>Scores every open lead from 0 to 100 from its conversation, learned from the leads your team converted or lost. A score set by hand is never replaced.</source>
        <translation>Bewertet jeden offenen Lead von 0 bis 100 anhand seiner Unterhaltung, gelernt aus den Leads, die Ihr Team konvertiert oder verloren hat. Eine von Hand gesetzte Bewertung wird nie ersetzt.</translation>
    </message>
    <message>
        <source>Read-only: only people allowed to manage settings can change AI qualification.</source>
        <translation>Nur lesbar: Nur Personen, die Einstellungen verwalten dürfen, können die KI-Qualifizierung ändern.</translation>
    </message>
    <message>
        <source>Behaviour</source>
        <translation>Verhalten</translation>
    </message>
    <message>
        <source>Score leads and qualify them automatically</source>
        <translation>Leads bewerten und automatisch qualifizieren</translation>
    </message>
    <message>
        <source>AI qualification:</source>
        <translation>KI-Qualifizierung:</translation>
    </message>
    <message>
        <source>Auto-qualify threshold</source>
        <translation>Schwelle für automatische Qualifizierung</translation>
    </message>
    <message>
        <source>Auto-qualify at score:</source>
        <translation>Automatisch qualifizieren ab Bewertung:</translation>
    </message>
    <message>
        <source>An open lead in New, Contacted or Qualifying whose AI score reaches this moves to Qualified, once, noted on its timeline as done by the AI.</source>
        <translation>Ein offener Lead in „Neu“, „Kontaktiert“ oder „In Qualifizierung“, dessen KI-Bewertung diesen Wert erreicht, wird einmalig nach „Qualifiziert“ verschoben und in seiner Zeitleiste als Aktion der KI vermerkt.</translation>
    </message>
    <message>
        <source>Current model</source>
        <translation>Aktuelles Modell</translation>
    </message>
    <message>
        <source>Area under the ROC curve on the newest 20 % of closed leads, which the model did not learn from: 0.5 is chance, 1.0 is perfect.</source>
        <translation>Fläche unter der ROC-Kurve auf den neuesten 20 % der abgeschlossenen Leads, aus denen das Modell nicht gelernt hat: 0,5 ist Zufall, 1,0 ist perfekt.</translation>
    </message>
    <message>
        <source>Trained:</source>
        <translation>Trainiert:</translation>
    </message>
    <message>
        <source>Learned from:</source>
        <translation>Gelernt aus:</translation>
    </message>
    <message>
        <source>Hold-out AUC:</source>
        <translation>AUC auf Testdaten:</translation>
    </message>
    <message>
        <source>Retrain now</source>
        <translation>Jetzt neu trainieren</translation>
    </message>
    <message>
        <source>Custom attributes</source>
        <translation>Eigene Attribute</translation>
    </message>
    <message>
        <source>Tick an attribute to keep it out of the model, e.g. one your team fills in after working a lead: it would give the outcome away.</source>
        <translation>Haken Sie ein Attribut an, um es aus dem Modell herauszuhalten, z. B. eines, das Ihr Team erst nach der Bearbeitung eines Leads ausfüllt: Es würde das Ergebnis verraten.</translation>
    </message>
    <message>
        <source>No custom attributes yet: imports and integrations add them.</source>
        <translation>Noch keine eigenen Attribute: Importe und Integrationen fügen sie hinzu.</translation>
    </message>
    <message>
        <source>Only people with the &quot;Manage settings&quot; permission can change AI qualification. Ask an admin.</source>
        <translation>Nur Personen mit der Berechtigung „Einstellungen verwalten“ können die KI-Qualifizierung ändern. Fragen Sie einen Admin.</translation>
    </message>
    <message>
        <source>Ticked: not used by the model</source>
        <translation>Angehakt: vom Modell nicht verwendet</translation>
    </message>
    <message>
        <source>Not yet: scores come from the built-in starting model</source>
        <translation>Noch nicht: Bewertungen stammen aus dem eingebauten Startmodell</translation>
    </message>
    <message>
        <source>No converted or lost leads yet</source>
        <translation>Noch keine konvertierten oder verlorenen Leads</translation>
    </message>
    <message>
        <source>%1 closed leads (%2 converted, %3 lost)</source>
        <translation>%1 abgeschlossene Leads (%2 konvertiert, %3 verloren)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Not measured yet</source>
        <translation>Noch nicht gemessen</translation>
    </message>
</context>
<context>
    <name>Leads::AssignDialog</name>
    <message numerus="yes">
        <source>Assign %n lead(s)</source>
        <translation>
            <numerusform>%n Lead zuweisen</numerusform>
            <numerusform>%n Leads zuweisen</numerusform>
        </translation>
    </message>
    <message>
        <source>Search the team…</source>
        <translation>Im Team suchen…</translation>
    </message>
    <message>
        <source>Search the team</source>
        <translation>Im Team suchen</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personen</translation>
    </message>
    <message>
        <source>Converted, lost and archived leads keep their assignee: there is nothing to assign.</source>
        <translation>Konvertierte, verlorene und archivierte Leads behalten ihre zuständige Person: Es gibt nichts zuzuweisen.</translation>
    </message>
    <message numerus="yes">
        <source>%n of the selected leads are converted, lost or archived and keep their assignee.</source>
        <translation>
            <numerusform>%n der ausgewählten Leads ist konvertiert, verloren oder archiviert und behält die zuständige Person.</numerusform>
            <numerusform>%n der ausgewählten Leads sind konvertiert, verloren oder archiviert und behalten die zuständige Person.</numerusform>
        </translation>
    </message>
    <message>
        <source>Unassigned — back to the queue</source>
        <translation>Nicht zugewiesen — zurück in die Warteschlange</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 — %n active lead(s)</source>
        <translation>
            <numerusform>%1 · %2 — %n aktiver Lead</numerusform>
            <numerusform>%1 · %2 — %n aktive Leads</numerusform>
        </translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Zuweisen</translation>
    </message>
    <message numerus="yes">
        <source>Unassign %n lead(s)</source>
        <translation>
            <numerusform>Zuweisung von %n Lead aufheben</numerusform>
            <numerusform>Zuweisung von %n Leads aufheben</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Leads::AssignmentRule</name>
    <message>
        <source>Manual: new leads wait in the unassigned queue</source>
        <translation>Manuell: Neue Leads warten in der Warteschlange der nicht zugewiesenen</translation>
    </message>
    <message>
        <source>Round-robin among the chosen agents</source>
        <translation>Reihum unter den ausgewählten Agenten</translation>
    </message>
    <message>
        <source>The chosen agent with the fewest active leads</source>
        <translation>Der ausgewählte Agent mit den wenigsten aktiven Leads</translation>
    </message>
    <message>
        <source>Unknown assignment rule &quot;%1&quot;.</source>
        <translation>Unbekannte Zuweisungsregel „%1“.</translation>
    </message>
    <message>
        <source>The agents of the rule must be a list.</source>
        <translation>Die Agenten der Regel müssen eine Liste sein.</translation>
    </message>
    <message>
        <source>Every agent of the rule must be a user id.</source>
        <translation>Jeder Agent der Regel muss eine Benutzer-ID sein.</translation>
    </message>
    <message>
        <source>An agent appears twice in the rule.</source>
        <translation>Ein Agent kommt in der Regel doppelt vor.</translation>
    </message>
    <message>
        <source>Choose at least one agent for this rule.</source>
        <translation>Wählen Sie mindestens einen Agenten für diese Regel.</translation>
    </message>
</context>
<context>
    <name>Leads::AuthClient</name>
    <message>
        <source>Enter the address of your Leads server, for example https://leads.example.com.</source>
        <translation>Geben Sie die Adresse Ihres Leads-Servers ein, zum Beispiel https://leads.example.com.</translation>
    </message>
    <message>
        <source>The server answered, but not like a Leads server. Check the address.</source>
        <translation>Der Server hat geantwortet, aber nicht wie ein Leads-Server. Prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <source>The server did not answer in time. Check the address and your connection.</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet. Prüfen Sie die Adresse und Ihre Verbindung.</translation>
    </message>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation>Der Server ist nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again.</source>
        <translation>Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The user name or password is wrong.</source>
        <translation>Benutzername oder Passwort ist falsch.</translation>
    </message>
    <message>
        <source>The server redirected the sign-in to another address. Enter the final address (usually the https:// one).</source>
        <translation>Der Server hat die Anmeldung an eine andere Adresse umgeleitet. Geben Sie die endgültige Adresse ein (meist die mit https://).</translation>
    </message>
    <message>
        <source>The server answered with an error (HTTP %1).</source>
        <translation>Der Server hat mit einem Fehler geantwortet (HTTP %1).</translation>
    </message>
</context>
<context>
    <name>Leads::BulkEditDialog</name>
    <message numerus="yes">
        <source>Edit %n lead(s)</source>
        <translation>
            <numerusform>%n Lead bearbeiten</numerusform>
            <numerusform>%n Leads bearbeiten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Change %n lead(s). Each lead goes through the usual rules; the ones that refuse are listed with the reason.</source>
        <translation>
            <numerusform>%n Lead ändern. Jeder Lead durchläuft die üblichen Regeln; Leads, bei denen die Änderung nicht möglich ist, werden mit dem Grund aufgeführt.</numerusform>
            <numerusform>%n Leads ändern. Jeder Lead durchläuft die üblichen Regeln; Leads, bei denen die Änderung nicht möglich ist, werden mit dem Grund aufgeführt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Wiedervorlage</translation>
    </message>
    <message>
        <source>Add tag</source>
        <translation>Schlagwort hinzufügen</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Ändern</translation>
    </message>
    <message>
        <source>Lost reason</source>
        <translation>Verlustgrund</translation>
    </message>
    <message>
        <source>Move to</source>
        <translation>Verschieben nach</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Nicht zugewiesen</translation>
    </message>
    <message>
        <source>Assign to</source>
        <translation>Zuweisen an</translation>
    </message>
    <message>
        <source>Clear the follow-up instead</source>
        <translation>Stattdessen die Wiedervorlage löschen</translation>
    </message>
    <message>
        <source>Follow up on</source>
        <translation>Wiedervorlage am</translation>
    </message>
    <message>
        <source>e.g. fair 2026</source>
        <translation>z. B. Messe 2026</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Schlagwort</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message numerus="yes">
        <source>Changed %n lead(s).</source>
        <translation>
            <numerusform>%n Lead geändert.</numerusform>
            <numerusform>%n Leads geändert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled after %1 of %2; the leads done so far stay changed.</source>
        <translation>Abgebrochen nach %1 von %2; die bis dahin bearbeiteten Leads bleiben geändert.</translation>
    </message>
    <message numerus="yes">
        <source>Refused %n lead(s):</source>
        <translation>
            <numerusform>%n Lead nicht geändert:</numerusform>
            <numerusform>%n Leads nicht geändert:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>• %1 — %n lead(s), e.g. %2</source>
        <translation>
            <numerusform>• %1 — %n Lead, z. B. %2</numerusform>
            <numerusform>• %1 — %n Leads, z. B. %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Ctrl+Z undoes the whole edit.</source>
        <translation>Strg+Z macht die gesamte Bearbeitung rückgängig.</translation>
    </message>
    <message>
        <source>Changing leads…</source>
        <translation>Leads werden geändert…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>Leads::CapturePage</name>
    <message>
        <source>A reply to a broadcast creates a lead</source>
        <translation>Eine Antwort auf eine Rundsendung erzeugt einen Lead</translation>
    </message>
    <message>
        <source>The first inbound chat message creates a lead</source>
        <translation>Die erste eingehende Chat-Nachricht erzeugt einen Lead</translation>
    </message>
    <message>
        <source>Integration</source>
        <translation>Integration</translation>
    </message>
    <message>
        <source>Secret version</source>
        <translation>Secret-Version</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Any reply</source>
        <translation>Jede Antwort</translation>
    </message>
    <message>
        <source>Keyword a reply must contain</source>
        <translation>Stichwort, das eine Antwort enthalten muss</translation>
    </message>
    <message>
        <source>Integrations</source>
        <translation>Integrationen</translation>
    </message>
    <message>
        <source>Only replies containing:</source>
        <translation>Nur Antworten mit:</translation>
    </message>
    <message>
        <source>Save capture rules</source>
        <translation>Erfassungsregeln speichern</translation>
    </message>
    <message>
        <source>New integration…</source>
        <translation>Neue Integration…</translation>
    </message>
    <message>
        <source>Rotate secret</source>
        <translation>Secret erneuern</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Integrations sign their deliveries with a secret shown only once.</source>
        <translation>Integrationen signieren ihre Lieferungen mit einem Secret, das nur einmal angezeigt wird.</translation>
    </message>
    <message>
        <source>New integration</source>
        <translation>Neue Integration</translation>
    </message>
    <message>
        <source>Name (lower-case letters, digits, - and _):</source>
        <translation>Name (Kleinbuchstaben, Ziffern, - und _):</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Capture rules saved.</source>
        <translation>Erfassungsregeln gespeichert.</translation>
    </message>
    <message>
        <source>The secret of %1 is shown only now — copy it into the integration:</source>
        <translation>Das Secret von %1 wird nur jetzt angezeigt — kopieren Sie es in die Integration:</translation>
    </message>
    <message>
        <source>%1 is revoked: its deliveries are refused from now on.</source>
        <translation>%1 ist widerrufen: Ihre Lieferungen werden ab jetzt abgelehnt.</translation>
    </message>
</context>
<context>
    <name>Leads::ChangeSet</name>
    <message>
        <source>remembering the leads for undo</source>
        <translation>Merken der Leads zum Rückgängigmachen</translation>
    </message>
    <message>
        <source>remembering the change for undo</source>
        <translation>Merken der Änderung zum Rückgängigmachen</translation>
    </message>
    <message>
        <source>checking what was synced</source>
        <translation>Prüfen, was synchronisiert wurde</translation>
    </message>
    <message>
        <source>The change has already been sent to the server, so it can no longer be undone here.</source>
        <translation>Die Änderung wurde bereits an den Server gesendet und kann hier nicht mehr rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>checking the leads</source>
        <translation>Prüfen der Leads</translation>
    </message>
    <message>
        <source>&quot;%1&quot; changed again since; undo the later change first.</source>
        <translation>„%1“ wurde seitdem erneut geändert; machen Sie zuerst die spätere Änderung rückgängig.</translation>
    </message>
    <message>
        <source>A lead of this change no longer exists.</source>
        <translation>Ein Lead dieser Änderung existiert nicht mehr.</translation>
    </message>
    <message>
        <source>undoing</source>
        <translation>Rückgängigmachen</translation>
    </message>
</context>
<context>
    <name>Leads::ClientShell</name>
    <message>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>Sign in to sync with %1. %2</source>
        <translation>Melden Sie sich an, um mit %1 zu synchronisieren. %2</translation>
    </message>
    <message>
        <source>Downloading your team&apos;s leads…</source>
        <translation>Die Leads Ihres Teams werden heruntergeladen…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>First sync</source>
        <translation>Erste Synchronisierung</translation>
    </message>
    <message>
        <source>Downloading your team&apos;s leads… %1 so far</source>
        <translation>Die Leads Ihres Teams werden heruntergeladen… %1 bisher</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Sign out of %1?</source>
        <translation>Von %1 abmelden?</translation>
    </message>
    <message>
        <source>Also remove the team&apos;s leads from this computer</source>
        <translation>Die Leads des Teams auch von diesem Computer entfernen</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) have not reached the server yet. They stay on this computer and are sent when you sign in again — unless you remove the leads.</source>
        <translation>
            <numerusform>%n Änderung hat den Server noch nicht erreicht. Sie bleibt auf diesem Computer und wird gesendet, wenn Sie sich wieder anmelden — außer Sie entfernen die Leads.</numerusform>
            <numerusform>%n Änderungen haben den Server noch nicht erreicht. Sie bleiben auf diesem Computer und werden gesendet, wenn Sie sich wieder anmelden — außer Sie entfernen die Leads.</numerusform>
        </translation>
    </message>
    <message>
        <source>Downloading your team&apos;s leads… %1 of %2</source>
        <translation>Die Leads Ihres Teams werden heruntergeladen … %1 von %2</translation>
    </message>
    <message>
        <source>Preparing search and sorting (step %1 of %2)…</source>
        <translation>Suche und Sortierung werden vorbereitet (Schritt %1 von %2) …</translation>
    </message>
</context>
<context>
    <name>Leads::CommandPalette</name>
    <message>
        <source>Command palette</source>
        <translation>Befehlspalette</translation>
    </message>
    <message>
        <source>Type an action or a lead&apos;s name…</source>
        <translation>Aktion oder Namen eines Leads eingeben…</translation>
    </message>
    <message>
        <source>Command or lead</source>
        <translation>Befehl oder Lead</translation>
    </message>
    <message>
        <source>Matching actions and leads</source>
        <translation>Passende Aktionen und Leads</translation>
    </message>
    <message>
        <source>↑↓ choose · Enter run or open · Esc close</source>
        <translation>↑↓ auswählen · Eingabetaste ausführen oder öffnen · Esc schließen</translation>
    </message>
    <message>
        <source>Lead: %1</source>
        <translation>Lead: %1</translation>
    </message>
    <message>
        <source>Lead: %1 · %2</source>
        <translation>Lead: %1 · %2</translation>
    </message>
</context>
<context>
    <name>Leads::ContactIdentity</name>
    <message>
        <source>&quot;%1&quot; is not a phone number: only digits, spaces, dashes, dots, brackets and a leading + are allowed.</source>
        <translation>„%1“ ist keine Telefonnummer: Erlaubt sind nur Ziffern, Leerzeichen, Bindestriche, Punkte, Klammern und ein führendes +.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no country code and no default country is set; write it as +&lt;country code&gt; &lt;number&gt;.</source>
        <translation>„%1“ hat keine Ländervorwahl und es ist kein Standardland eingestellt; schreiben Sie sie als +&lt;Ländervorwahl&gt; &lt;Nummer&gt;.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid international number: a country code never starts with 0.</source>
        <translation>„%1“ ist keine gültige internationale Nummer: Eine Ländervorwahl beginnt nie mit 0.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has %2 digits; a phone number with its country code has 7 to 15.</source>
        <translation>„%1“ hat %2 Ziffern; eine Telefonnummer mit Ländervorwahl hat 7 bis 15.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an e-mail address (expected name@example.com).</source>
        <translation>„%1“ ist keine E-Mail-Adresse (erwartet: name@example.com).</translation>
    </message>
</context>
<context>
    <name>Leads::CsvReader</name>
    <message>
        <source>The file is empty.</source>
        <translation>Die Datei ist leer.</translation>
    </message>
    <message>
        <source>A quoted field that starts on line %1 is never closed.</source>
        <translation>Ein in Zeile %1 beginnendes Feld in Anführungszeichen wird nie geschlossen.</translation>
    </message>
    <message>
        <source>The record on line %1 is longer than %2 MB; is this really a CSV file?</source>
        <translation>Der Datensatz in Zeile %1 ist länger als %2 MB; ist das wirklich eine CSV-Datei?</translation>
    </message>
</context>
<context>
    <name>Leads::CsvWriter</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>Leads::Database</name>
    <message>
        <source>No database file was given.</source>
        <translation>Es wurde keine Datenbankdatei angegeben.</translation>
    </message>
    <message>
        <source>The database &quot;%1&quot; does not exist.</source>
        <translation>Die Datenbank „%1“ existiert nicht.</translation>
    </message>
    <message>
        <source>Cannot create the folder &quot;%1&quot; for the database.</source>
        <translation>Der Ordner „%1“ für die Datenbank kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot open the database &quot;%1&quot;: %2</source>
        <translation>Die Datenbank „%1“ kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Cannot read the database &quot;%1&quot;: %2. The file was left untouched.</source>
        <translation>Die Datenbank „%1“ kann nicht gelesen werden: %2. Die Datei wurde nicht verändert.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; was written by a newer version of Leads (schema %2; this version understands up to %3). Update Leads to open it; the file was left untouched.</source>
        <translation>„%1“ wurde von einer neueren Version von Leads geschrieben (Schema %2; diese Version versteht bis %3). Aktualisieren Sie Leads, um sie zu öffnen; die Datei wurde nicht verändert.</translation>
    </message>
    <message>
        <source>switching to write-ahead logging</source>
        <translation>Umstellen auf Write-Ahead-Logging</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs an upgrade and was opened read-only.</source>
        <translation>„%1“ muss aktualisiert werden und wurde schreibgeschützt geöffnet.</translation>
    </message>
</context>
<context>
    <name>Leads::DuplicateFinder</name>
    <message>
        <source>Same phone</source>
        <translation>Gleiche Telefonnummer</translation>
    </message>
    <message>
        <source>Same e-mail</source>
        <translation>Gleiche E-Mail-Adresse</translation>
    </message>
    <message>
        <source>Similar name, same company</source>
        <translation>Ähnlicher Name, gleiche Firma</translation>
    </message>
    <message>
        <source>reading possible duplicates</source>
        <translation>Lesen möglicher Duplikate</translation>
    </message>
    <message>
        <source>finding possible duplicates</source>
        <translation>Suchen möglicher Duplikate</translation>
    </message>
</context>
<context>
    <name>Leads::DuplicatesDialog</name>
    <message>
        <source>Possible duplicates</source>
        <translation>Mögliche Duplikate</translation>
    </message>
    <message>
        <source>Groups of possible duplicates</source>
        <translation>Gruppen möglicher Duplikate</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Merge…</source>
        <translation>Zusammenführen…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>%1: %2 (%3 leads)</source>
        <translation>%1: %2 (%3 Leads)</translation>
    </message>
    <message>
        <source>No possible duplicates among the active leads.</source>
        <translation>Keine möglichen Duplikate unter den aktiven Leads.</translation>
    </message>
    <message numerus="yes">
        <source>%n group(s) of active leads that may be the same person. Select two leads of a group (or the group) and choose Merge….</source>
        <translation>
            <numerusform>%n Gruppe aktiver Leads, die dieselbe Person sein könnten. Wählen Sie zwei Leads einer Gruppe (oder die Gruppe) aus und klicken Sie auf „Zusammenführen…“.</numerusform>
            <numerusform>%n Gruppen aktiver Leads, die dieselbe Person sein könnten. Wählen Sie zwei Leads einer Gruppe (oder die Gruppe) aus und klicken Sie auf „Zusammenführen…“.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Leads::ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Your role may not export leads. An admin can allow it in Settings › Roles &amp; permissions.</source>
        <translation>Ihre Rolle darf keine Leads exportieren. Ein Admin kann es unter Einstellungen › Rollen &amp; Berechtigungen erlauben.</translation>
    </message>
    <message>
        <source>Export leads</source>
        <translation>Leads exportieren</translation>
    </message>
    <message>
        <source>CSV (UTF-8)</source>
        <translation>CSV (UTF-8)</translation>
    </message>
    <message>
        <source>CSV for Excel (UTF-8 with BOM)</source>
        <translation>CSV für Excel (UTF-8 mit BOM)</translation>
    </message>
    <message>
        <source>Excel workbook (XLSX)</source>
        <translation>Excel-Arbeitsmappe (XLSX)</translation>
    </message>
    <message>
        <source>PDF report (summary and lead list)</source>
        <translation>PDF-Bericht (Zusammenfassung und Lead-Liste)</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>The current view (%1 leads)</source>
        <translation>Die aktuelle Ansicht (%1 Leads)</translation>
    </message>
    <message>
        <source>The current view</source>
        <translation>Die aktuelle Ansicht</translation>
    </message>
    <message>
        <source>The whole pipeline (%1 leads)</source>
        <translation>Die gesamte Pipeline (%1 Leads)</translation>
    </message>
    <message>
        <source>The whole pipeline</source>
        <translation>Die gesamte Pipeline</translation>
    </message>
    <message>
        <source>Leads:</source>
        <translation>Leads:</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>leads-%1</source>
        <translation>leads-%1</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel-Arbeitsmappen (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportiere…</translation>
    </message>
    <message>
        <source>Choose a file to export to.</source>
        <translation>Wählen Sie eine Datei für den Export.</translation>
    </message>
    <message>
        <source>%1 of %2 leads…</source>
        <translation>%1 von %2 Leads…</translation>
    </message>
    <message>
        <source>%1 leads exported to %2 in %3 s.</source>
        <translation>%1 Leads in %3 s nach %2 exportiert.</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>Export abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>Der Export ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>Leads::FilterBar</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Letzte Aktivität</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>Active and final</source>
        <translation>Aktiv und abgeschlossen</translation>
    </message>
    <message>
        <source>Active only</source>
        <translation>Nur aktive</translation>
    </message>
    <message>
        <source>Final only (converted, lost, archived)</source>
        <translation>Nur abgeschlossene (konvertiert, verloren, archiviert)</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Wiedervorlage</translation>
    </message>
    <message>
        <source>Find a person…</source>
        <translation>Person suchen…</translation>
    </message>
    <message>
        <source>Custom range…</source>
        <translation>Eigener Zeitraum…</translation>
    </message>
    <message>
        <source>%1: custom range</source>
        <translation>%1: eigener Zeitraum</translation>
    </message>
    <message>
        <source>To (inclusive)</source>
        <translation>Bis (einschließlich)</translation>
    </message>
    <message>
        <source>Me</source>
        <translation>Ich</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Nicht zugewiesen</translation>
    </message>
</context>
<context>
    <name>Leads::FilterChips</name>
    <message>
        <source>Clear all</source>
        <translation>Alle entfernen</translation>
    </message>
    <message>
        <source>Remove this filter</source>
        <translation>Diesen Filter entfernen</translation>
    </message>
    <message>
        <source> +%1</source>
        <translation> +%1</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <source>Me</source>
        <translation>Ich</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Nicht zugewiesen</translation>
    </message>
    <message>
        <source>Assignee: %1</source>
        <translation>Zuständig: %1</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>Quelle: %1</translation>
    </message>
    <message>
        <source>Score %1–%2</source>
        <translation>Bewertung %1–%2</translation>
    </message>
    <message>
        <source>Score ≥ %1</source>
        <translation>Bewertung ≥ %1</translation>
    </message>
    <message>
        <source>Score ≤ %1</source>
        <translation>Bewertung ≤ %1</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Created: %1</source>
        <translation>Erstellt: %1</translation>
    </message>
    <message>
        <source>Activity: %1</source>
        <translation>Aktivität: %1</translation>
    </message>
    <message>
        <source>Active only</source>
        <translation>Nur aktive</translation>
    </message>
    <message>
        <source>Final only</source>
        <translation>Nur abgeschlossene</translation>
    </message>
    <message>
        <source>Follow-up: %1</source>
        <translation>Wiedervorlage: %1</translation>
    </message>
    <message>
        <source>Campaign: %1</source>
        <translation>Kampagne: %1</translation>
    </message>
</context>
<context>
    <name>Leads::FollowUpPopup</name>
    <message>
        <source>Open lead</source>
        <translation>Lead öffnen</translation>
    </message>
    <message>
        <source>Follow-up reminder</source>
        <translation>Erinnerung an Wiedervorlage</translation>
    </message>
    <message numerus="yes">
        <source>Snooze %n min</source>
        <translation>
            <numerusform>%n Min. später erinnern</numerusform>
            <numerusform>%n Min. später erinnern</numerusform>
        </translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Dismiss the reminder</source>
        <translation>Die Erinnerung verwerfen</translation>
    </message>
    <message>
        <source>Follow up with %1 (+%2 more)</source>
        <translation>Wiedervorlage bei %1 (+%2 weitere)</translation>
    </message>
    <message>
        <source>Follow up with %1</source>
        <translation>Wiedervorlage bei %1</translation>
    </message>
    <message>
        <source>Due %1.</source>
        <translation>Fällig %1.</translation>
    </message>
</context>
<context>
    <name>Leads::ImportMapping</name>
    <message>
        <source>The mapping names a column &quot;%1&quot; that the file does not have.</source>
        <translation>Die Zuordnung nennt eine Spalte „%1“, die es in der Datei nicht gibt.</translation>
    </message>
    <message>
        <source>Unknown field &quot;%1&quot; for column &quot;%2&quot;.</source>
        <translation>Unbekanntes Feld „%1“ für Spalte „%2“.</translation>
    </message>
    <message>
        <source>Column &quot;%1&quot; needs an attribute name.</source>
        <translation>Spalte „%1“ braucht einen Attributnamen.</translation>
    </message>
    <message>
        <source>Unknown status &quot;%1&quot; in the value mapping.</source>
        <translation>Unbekannter Status „%1“ in der Werte-Zuordnung.</translation>
    </message>
    <message>
        <source>Unknown duplicate policy &quot;%1&quot; (skip, update or create).</source>
        <translation>Unbekannte Regel für Duplikate „%1“ (skip, update oder create).</translation>
    </message>
</context>
<context>
    <name>Leads::ImportWizard</name>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Import leads</source>
        <translation>Leads importieren</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Datei auswählen</translation>
    </message>
    <message>
        <source>A CSV or text file exported from a spreadsheet or another CRM. The encoding and the delimiter are detected.</source>
        <translation>Eine CSV- oder Textdatei, exportiert aus einer Tabellenkalkulation oder einem anderen CRM. Zeichenkodierung und Trennzeichen werden erkannt.</translation>
    </message>
    <message>
        <source>Path to a .csv file</source>
        <translation>Pfad zu einer .csv-Datei</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv *.txt *.tsv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Map the columns</source>
        <translation>Spalten zuordnen</translation>
    </message>
    <message>
        <source>Each column becomes a lead field or a custom attribute. The guess comes from the column names; change anything that is wrong.</source>
        <translation>Jede Spalte wird zu einem Lead-Feld oder einem eigenen Attribut. Der Vorschlag stammt aus den Spaltennamen; ändern Sie, was nicht stimmt.</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Beispiel</translation>
    </message>
    <message>
        <source>Imports as</source>
        <translation>Importieren als</translation>
    </message>
    <message>
        <source>Attribute type</source>
        <translation>Attributtyp</translation>
    </message>
    <message>
        <source>Value in the file</source>
        <translation>Wert in der Datei</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>When the contact already has an active lead</source>
        <translation>Wenn der Kontakt bereits einen aktiven Lead hat</translation>
    </message>
    <message>
        <source>&amp;Skip the row</source>
        <translation>Zeile ü&amp;berspringen</translation>
    </message>
    <message>
        <source>&amp;Update the active lead (name, company, notes, score, attributes)</source>
        <translation>Aktiven Lead a&amp;ktualisieren (Name, Firma, Notizen, Bewertung, Attribute)</translation>
    </message>
    <message>
        <source>&amp;Create it anyway if it is a closed lead (Converted, Lost, Archived)</source>
        <translation>Trotzdem &amp;anlegen, wenn es ein abgeschlossener Lead ist (Konvertiert, Verloren, Archiviert)</translation>
    </message>
    <message>
        <source>Status values</source>
        <translation>Statuswerte</translation>
    </message>
    <message>
        <source>Check before importing</source>
        <translation>Vor dem Import prüfen</translation>
    </message>
    <message>
        <source>A dry run read the whole file with your mapping; nothing has been written yet.</source>
        <translation>Ein Probelauf hat die ganze Datei mit Ihrer Zuordnung gelesen; noch wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>Importiere</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>Import abbrechen</translation>
    </message>
    <message>
        <source>Save failed rows…</source>
        <translation>Fehlgeschlagene Zeilen speichern…</translation>
    </message>
    <message>
        <source>Cannot open the file: %1</source>
        <translation>Die Datei kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>Tabulator</translation>
    </message>
    <message numerus="yes">
        <source>%1 · delimiter %2 · %n column(s) · %3</source>
        <translation>
            <numerusform>%1 · Trennzeichen %2 · %n Spalte · %3</numerusform>
            <numerusform>%1 · Trennzeichen %2 · %n Spalten · %3</numerusform>
        </translation>
    </message>
    <message>
        <source>Map a column to Phone or E-mail: every lead needs a way to reach the contact.</source>
        <translation>Ordnen Sie eine Spalte Telefon oder E-Mail zu: Jeder Lead braucht einen Weg, den Kontakt zu erreichen.</translation>
    </message>
    <message>
        <source>Reading the whole file…</source>
        <translation>Die ganze Datei wird gelesen…</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Starte…</translation>
    </message>
    <message>
        <source>The import did not run.</source>
        <translation>Der Import wurde nicht ausgeführt.</translation>
    </message>
    <message>
        <source>%1 rows · %2 rows/s</source>
        <translation>%1 Zeilen · %2 Zeilen/s</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>%1 rows: %2 created, %3 updated, %4 skipped, %5 failed.</source>
        <translation>%1 Zeilen: %2 angelegt, %3 aktualisiert, %4 übersprungen, %5 fehlgeschlagen.</translation>
    </message>
    <message>
        <source>First problems:</source>
        <translation>Erste Probleme:</translation>
    </message>
    <message>
        <source>Cancelled: whole batches before the cancel were kept.</source>
        <translation>Abgebrochen: Vollständige Stapel vor dem Abbruch wurden behalten.</translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation>Import abgebrochen</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>Import abgeschlossen</translation>
    </message>
    <message>
        <source>Save failed rows</source>
        <translation>Fehlgeschlagene Zeilen speichern</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>created</source>
        <translation>angelegt</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>aktualisiert</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Why it was not imported</source>
        <translation>Warum sie nicht importiert wurde</translation>
    </message>
    <message>
        <source>%1 rows read in %2 s (%3 rows/s).</source>
        <translation>%1 Zeilen in %2 s gelesen (%3 Zeilen/s).</translation>
    </message>
    <message>
        <source>The first %1 of the %2 rows that were not imported. Save them all as a CSV with the reason in a last column, fix them and import that file.</source>
        <translation>Die ersten %1 der %2 nicht importierten Zeilen. Speichern Sie alle als CSV mit dem Grund in einer letzten Spalte, korrigieren Sie sie und importieren Sie diese Datei.</translation>
    </message>
    <message>
        <source>Rows that were not imported. Save them as a CSV with the reason in a last column, fix them and import that file.</source>
        <translation>Nicht importierte Zeilen. Speichern Sie sie als CSV mit dem Grund in einer letzten Spalte, korrigieren Sie sie und importieren Sie diese Datei.</translation>
    </message>
</context>
<context>
    <name>Leads::KanbanBoard</name>
    <message>
        <source>Mark as lost</source>
        <translation>Als verloren markieren</translation>
    </message>
    <message>
        <source>Why was this lead lost?</source>
        <translation>Warum wurde dieser Lead verloren?</translation>
    </message>
    <message>
        <source>This move is not allowed.</source>
        <translation>Diese Verschiebung ist nicht erlaubt.</translation>
    </message>
    <message>
        <source>%1 cannot move to %2: %3</source>
        <translation>%1 kann nicht nach „%2“ verschoben werden: %3</translation>
    </message>
    <message>
        <source>%1 moved to %2.</source>
        <translation>%1 nach „%2“ verschoben.</translation>
    </message>
</context>
<context>
    <name>Leads::KanbanColumn</name>
    <message>
        <source>%1: %2 leads. Click to show the cards; drop a card here to move it.</source>
        <translation>%1: %2 Leads. Klicken Sie, um die Karten anzuzeigen; legen Sie eine Karte hier ab, um sie zu verschieben.</translation>
    </message>
    <message>
        <source>%1: %2 leads</source>
        <translation>%1: %2 Leads</translation>
    </message>
    <message>
        <source>%1, %2 leads</source>
        <translation>%1, %2 Leads</translation>
    </message>
</context>
<context>
    <name>Leads::KanbanDelegate</name>
    <message>
        <source>❄ Stale %1</source>
        <translation>❄ Liegt seit %1</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Nicht zugewiesen</translation>
    </message>
</context>
<context>
    <name>Leads::KanbanModel</name>
    <message>
        <source>stale</source>
        <translation>liegengeblieben</translation>
    </message>
</context>
<context>
    <name>Leads::LeadDetail</name>
    <message>
        <source>Mark as lost</source>
        <translation>Als verloren markieren</translation>
    </message>
    <message>
        <source>Why was this lead lost?</source>
        <translation>Warum wurde dieser Lead verloren?</translation>
    </message>
    <message>
        <source>Select a lead to see its details.</source>
        <translation>Wählen Sie einen Lead aus, um seine Details zu sehen.</translation>
    </message>
    <message>
        <source>Move to</source>
        <translation>Verschieben nach</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Bearbeitung</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <source>Manual —</source>
        <translation>Manuell —</translation>
    </message>
    <message>
        <source>Manual </source>
        <translation>Manuell </translation>
    </message>
    <message>
        <source>Your score (0–100). It replaces the AI&apos;s on the lead; the AI score stays beside it.</source>
        <translation>Ihre Bewertung (0–100). Sie ersetzt die der KI für diesen Lead; die KI-Bewertung bleibt daneben sichtbar.</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Setzen</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Clear the follow-up</source>
        <translation>Wiedervorlage löschen</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Wiedervorlage</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Add a note for the team…</source>
        <translation>Notiz für das Team hinzufügen…</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Notiz hinzufügen</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <source>%1 is final: this lead is read-only. Notes can still be added.</source>
        <translation>%1 ist abgeschlossen: Dieser Lead ist schreibgeschützt. Notizen können weiterhin hinzugefügt werden.</translation>
    </message>
    <message>
        <source>Lost (%1) is final: this lead is read-only. Notes can still be added.</source>
        <translation>Verloren (%1) ist abgeschlossen: Dieser Lead ist schreibgeschützt. Notizen können weiterhin hinzugefügt werden.</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Nicht zugewiesen</translation>
    </message>
    <message>
        <source>AI %1</source>
        <translation>KI %1</translation>
    </message>
    <message>
        <source>AI —</source>
        <translation>KI —</translation>
    </message>
    <message>
        <source>Score suggested by the AI model</source>
        <translation>Von der KI vorgeschlagene Bewertung</translation>
    </message>
    <message>
        <source>The AI has not scored this lead yet</source>
        <translation>Die KI hat diesen Lead noch nicht bewertet</translation>
    </message>
    <message>
        <source>AI: %1</source>
        <translation>KI: %1</translation>
    </message>
    <message>
        <source>Reasons for the AI score</source>
        <translation>Gründe für die KI-Bewertung</translation>
    </message>
    <message>
        <source>Manual %1</source>
        <translation>Manuell %1</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <source>Nothing yet.</source>
        <translation>Noch nichts.</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation>Schlagwörter: %1</translation>
    </message>
</context>
<context>
    <name>Leads::LeadExporter</name>
    <message>
        <source>Choose a file to export to.</source>
        <translation>Wählen Sie eine Datei für den Export.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Der Ordner %1 existiert nicht.</translation>
    </message>
    <message>
        <source>%1 leads do not fit in one XLSX sheet (at most %2 rows); export them as CSV or narrow the view.</source>
        <translation>%1 Leads passen nicht in ein XLSX-Blatt (höchstens %2 Zeilen); exportieren Sie sie als CSV oder grenzen Sie die Ansicht ein.</translation>
    </message>
    <message>
        <source>reading users</source>
        <translation>Lesen der Benutzer</translation>
    </message>
    <message>
        <source>reading custom attributes</source>
        <translation>Lesen der eigenen Attribute</translation>
    </message>
    <message>
        <source>reading leads</source>
        <translation>Lesen der Leads</translation>
    </message>
</context>
<context>
    <name>Leads::LeadImporter</name>
    <message>
        <source>Map at least one column to Name, Phone or E-mail before importing.</source>
        <translation>Ordnen Sie vor dem Import mindestens eine Spalte Name, Telefon oder E-Mail zu.</translation>
    </message>
    <message>
        <source>reading contacts</source>
        <translation>Lesen der Kontakte</translation>
    </message>
    <message>
        <source>reading leads</source>
        <translation>Lesen der Leads</translation>
    </message>
    <message>
        <source>%1 Nothing after line %2 was imported; %3 rows before it were.</source>
        <translation>%1 Nach Zeile %2 wurde nichts importiert; %3 Zeilen davor schon.</translation>
    </message>
    <message>
        <source>This row has %1 values but the header has %2; check for an unquoted delimiter.</source>
        <translation>Diese Zeile hat %1 Werte, die Kopfzeile aber %2; prüfen Sie, ob ein Trennzeichen nicht in Anführungszeichen steht.</translation>
    </message>
    <message>
        <source>Column &quot;%1&quot; has characters that could not be read (the file is not valid %2).</source>
        <translation>Spalte „%1“ enthält Zeichen, die nicht gelesen werden konnten (die Datei ist kein gültiges %2).</translation>
    </message>
    <message>
        <source>Column &quot;%1&quot; is longer than %2 characters.</source>
        <translation>Spalte „%1“ ist länger als %2 Zeichen.</translation>
    </message>
    <message>
        <source>Unknown status &quot;%1&quot;; map it to one of the pipeline statuses.</source>
        <translation>Unbekannter Status „%1“; ordnen Sie ihn einem der Pipeline-Status zu.</translation>
    </message>
    <message>
        <source>The score &quot;%1&quot; is not a number.</source>
        <translation>Die Bewertung „%1“ ist keine Zahl.</translation>
    </message>
    <message>
        <source>No active user called &quot;%1&quot;.</source>
        <translation>Kein aktiver Benutzer namens „%1“.</translation>
    </message>
    <message>
        <source>Cannot read the date &quot;%1&quot; (use e.g. 2024-03-31 or 31/03/2024).</source>
        <translation>Das Datum „%1“ kann nicht gelesen werden (verwenden Sie z. B. 2024-03-31 oder 31/03/2024).</translation>
    </message>
    <message>
        <source>Column &quot;%1&quot; expects a number, not &quot;%2&quot;.</source>
        <translation>Spalte „%1“ erwartet eine Zahl, nicht „%2“.</translation>
    </message>
    <message>
        <source>A lead needs a phone number or an e-mail address.</source>
        <translation>Ein Lead braucht eine Telefonnummer oder eine E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>This contact already has an active lead; import it as closed (Converted, Lost, Archived) or choose &quot;update&quot;.</source>
        <translation>Dieser Kontakt hat bereits einen aktiven Lead; importieren Sie ihn als abgeschlossen (Konvertiert, Verloren, Archiviert) oder wählen Sie „aktualisieren“.</translation>
    </message>
    <message>
        <source>Cannot read the follow-up date &quot;%1&quot; (use e.g. 2024-03-31 14:30 or 31/03/2024).</source>
        <translation>Das Wiedervorlagedatum „%1“ kann nicht gelesen werden (verwenden Sie z. B. 2024-03-31 14:30 oder 31/03/2024).</translation>
    </message>
</context>
<context>
    <name>Leads::LeadService</name>
    <message>
        <source>saving a setting</source>
        <translation>Speichern einer Einstellung</translation>
    </message>
    <message>
        <source>Lost reasons are non-empty texts of at most 100 characters.</source>
        <translation>Verlustgründe sind nicht leere Texte mit höchstens 100 Zeichen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is listed twice.</source>
        <translation>„%1“ steht doppelt in der Liste.</translation>
    </message>
    <message>
        <source>Keep between 1 and 50 lost reasons.</source>
        <translation>Behalten Sie zwischen 1 und 50 Verlustgründe.</translation>
    </message>
    <message>
        <source>saving the lost reasons</source>
        <translation>Speichern der Verlustgründe</translation>
    </message>
    <message>
        <source>reading a lead</source>
        <translation>Lesen eines Leads</translation>
    </message>
    <message>
        <source>reading the timeline</source>
        <translation>Lesen der Zeitleiste</translation>
    </message>
    <message>
        <source>recording the timeline</source>
        <translation>Aufzeichnen in der Zeitleiste</translation>
    </message>
    <message>
        <source>queueing the change for sync</source>
        <translation>Vormerken der Änderung zur Synchronisierung</translation>
    </message>
    <message>
        <source>updating the lead</source>
        <translation>Aktualisieren des Leads</translation>
    </message>
    <message>
        <source>looking up the contact</source>
        <translation>Nachschlagen des Kontakts</translation>
    </message>
    <message>
        <source>looking up the contact&apos;s leads</source>
        <translation>Nachschlagen der Leads des Kontakts</translation>
    </message>
    <message>
        <source>saving the contact</source>
        <translation>Speichern des Kontakts</translation>
    </message>
    <message>
        <source>saving the lead</source>
        <translation>Speichern des Leads</translation>
    </message>
    <message>
        <source>A lead needs a name.</source>
        <translation>Ein Lead braucht einen Namen.</translation>
    </message>
    <message>
        <source>The name is too long (at most %1 characters).</source>
        <translation>Der Name ist zu lang (höchstens %1 Zeichen).</translation>
    </message>
    <message>
        <source>A lead needs a phone number or an e-mail address to reach the contact.</source>
        <translation>Ein Lead braucht eine Telefonnummer oder eine E-Mail-Adresse, um den Kontakt zu erreichen.</translation>
    </message>
    <message>
        <source>An interaction needs the contact&apos;s phone number or e-mail address.</source>
        <translation>Eine Interaktion braucht die Telefonnummer oder E-Mail-Adresse des Kontakts.</translation>
    </message>
    <message>
        <source>changing the status</source>
        <translation>Ändern des Status</translation>
    </message>
    <message>
        <source>The lead changed while you were editing it; try again.</source>
        <translation>Der Lead wurde geändert, während Sie ihn bearbeitet haben; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>This lead is already unassigned.</source>
        <translation>Dieser Lead ist bereits nicht zugewiesen.</translation>
    </message>
    <message>
        <source>This lead is already assigned to %1.</source>
        <translation>Dieser Lead ist bereits %1 zugewiesen.</translation>
    </message>
    <message>
        <source>looking up the agent</source>
        <translation>Nachschlagen des Agenten</translation>
    </message>
    <message>
        <source>That agent does not exist.</source>
        <translation>Diesen Agenten gibt es nicht.</translation>
    </message>
    <message>
        <source>%1 is deactivated and cannot take leads.</source>
        <translation>%1 ist deaktiviert und kann keine Leads übernehmen.</translation>
    </message>
    <message>
        <source>assigning the lead</source>
        <translation>Zuweisen des Leads</translation>
    </message>
    <message>
        <source>saving the score</source>
        <translation>Speichern der Bewertung</translation>
    </message>
    <message>
        <source>A note cannot be empty.</source>
        <translation>Eine Notiz darf nicht leer sein.</translation>
    </message>
    <message>
        <source>The note is too long (at most %1 characters).</source>
        <translation>Die Notiz ist zu lang (höchstens %1 Zeichen).</translation>
    </message>
    <message>
        <source>saving the note</source>
        <translation>Speichern der Notiz</translation>
    </message>
    <message>
        <source>saving the follow-up</source>
        <translation>Speichern der Wiedervorlage</translation>
    </message>
    <message>
        <source>The lead was closed meanwhile; its score is frozen.</source>
        <translation>Der Lead wurde inzwischen abgeschlossen; seine Bewertung ist eingefroren.</translation>
    </message>
    <message>
        <source>reading leads to score</source>
        <translation>Lesen der zu bewertenden Leads</translation>
    </message>
    <message>
        <source>AI qualification</source>
        <translation>KI-Qualifizierung</translation>
    </message>
    <message>
        <source>saving the AI score</source>
        <translation>Speichern der KI-Bewertung</translation>
    </message>
    <message>
        <source>qualifying the lead</source>
        <translation>Qualifizieren des Leads</translation>
    </message>
    <message>
        <source>A note needs between 1 and %1 characters.</source>
        <translation>Eine Notiz braucht zwischen 1 und %1 Zeichen.</translation>
    </message>
</context>
<context>
    <name>Leads::LeadTableModel</name>
    <message>
        <source>%1 ago</source>
        <translation>vor %1</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>in a minute</source>
        <translation>in einer Minute</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 Std.</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 T.</translation>
    </message>
    <message>
        <source>Overdue since %1</source>
        <translation>Überfällig seit %1</translation>
    </message>
    <message>
        <source>Not scored yet</source>
        <translation>Noch nicht bewertet</translation>
    </message>
    <message>
        <source>Manual score %1 (AI suggested %2)</source>
        <translation>Manuelle Bewertung %1 (KI schlug %2 vor)</translation>
    </message>
    <message>
        <source>Manual score %1</source>
        <translation>Manuelle Bewertung %1</translation>
    </message>
    <message>
        <source>AI score %1</source>
        <translation>KI-Bewertung %1</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Nicht zugewiesen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Wiedervorlage</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Letzte Aktivität</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Stale: no activity for %1 (the limit in %2 is %3)</source>
        <translation>Liegengeblieben: seit %1 keine Aktivität (die Grenze im Status „%2“ ist %3)</translation>
    </message>
    <message>
        <source>Replied %1 ago, no response since</source>
        <translation>Hat vor %1 geantwortet, seitdem unbeantwortet</translation>
    </message>
    <message>
        <source>↩ %1 no reply</source>
        <translation>↩ %1 unbeantwortet</translation>
    </message>
    <message>
        <source>❄ Stale · %1</source>
        <translation>❄ Liegengeblieben · %1</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>Leads::LeadsPage</name>
    <message>
        <source>Search name, company, phone, e-mail, notes…  (Ctrl+F)</source>
        <translation>Name, Firma, Telefon, E-Mail, Notizen durchsuchen…  (Strg+F)</translation>
    </message>
    <message>
        <source>Create a lead</source>
        <translation>Lead anlegen</translation>
    </message>
    <message>
        <source>Load sample data</source>
        <translation>Beispieldaten laden</translation>
    </message>
    <message>
        <source>No leads yet. Leads arrive from broadcasts, chats and integrations, or you can add one by hand.</source>
        <translation>Noch keine Leads. Leads kommen aus Rundsendungen, Chats und Integrationen, oder Sie legen einen von Hand an.</translation>
    </message>
    <message>
        <source>Clear search and filters</source>
        <translation>Suche und Filter zurücksetzen</translation>
    </message>
    <message>
        <source>No leads match this search and these filters.</source>
        <translation>Keine Leads passen zu dieser Suche und diesen Filtern.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>Assign to…</source>
        <translation>Zuweisen an…</translation>
    </message>
    <message>
        <source>Assign…</source>
        <translation>Zuweisen…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <source>Import leads from a CSV file (Ctrl+I)</source>
        <translation>Leads aus einer CSV-Datei importieren (Strg+I)</translation>
    </message>
    <message>
        <source>+  New lead</source>
        <translation>+  Neuer Lead</translation>
    </message>
    <message>
        <source>Create a lead by hand (Ctrl+N)</source>
        <translation>Einen Lead von Hand anlegen (Strg+N)</translation>
    </message>
    <message>
        <source>The leads could not be read from the database: %1</source>
        <translation>Die Leads konnten nicht aus der Datenbank gelesen werden: %1</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Zähle…</translation>
    </message>
    <message>
        <source>%1 leads</source>
        <translation>%1 Leads</translation>
    </message>
    <message>
        <source> · newest first</source>
        <translation> · neueste zuerst</translation>
    </message>
    <message>
        <source>%1 · counting…</source>
        <translation>%1 · zähle…</translation>
    </message>
    <message>
        <source>%1 · %2 shown</source>
        <translation>%1 · %2 angezeigt</translation>
    </message>
    <message>
        <source>Assign %1…</source>
        <translation>%1 zuweisen…</translation>
    </message>
    <message>
        <source>Assign the selected leads to someone (Ctrl+Shift+A)</source>
        <translation>Die ausgewählten Leads jemandem zuweisen (Strg+Umschalt+A)</translation>
    </message>
    <message>
        <source>Select leads in the table to assign them</source>
        <translation>Wählen Sie Leads in der Tabelle aus, um sie zuzuweisen</translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s) moved to the unassigned queue.</source>
        <translation>
            <numerusform>%n Lead in die Warteschlange der nicht zugewiesenen verschoben.</numerusform>
            <numerusform>%n Leads in die Warteschlange der nicht zugewiesenen verschoben.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lead(s) assigned.</source>
        <translation>
            <numerusform>%n Lead zugewiesen.</numerusform>
            <numerusform>%n Leads zugewiesen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n final lead(s) kept their assignee.</source>
        <translation>
            <numerusform>%n abgeschlossener Lead hat seine zuständige Person behalten.</numerusform>
            <numerusform>%n abgeschlossene Leads haben ihre zuständige Person behalten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already there.</source>
        <translation>
            <numerusform>%n war bereits dort.</numerusform>
            <numerusform>%n waren bereits dort.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation>Nichts rückgängig zu machen.</translation>
    </message>
    <message>
        <source>Cannot undo: %1</source>
        <translation>Rückgängig machen nicht möglich: %1</translation>
    </message>
    <message>
        <source>Undone.</source>
        <translation>Rückgängig gemacht.</translation>
    </message>
    <message>
        <source>Import finished: %1 created, %2 updated.</source>
        <translation>Import abgeschlossen: %1 angelegt, %2 aktualisiert.</translation>
    </message>
    <message>
        <source>Search leads</source>
        <translation>Leads durchsuchen</translation>
    </message>
    <message>
        <source>The leads that match the search and filters; the selected one shows in the detail pane.</source>
        <translation>Die Leads, die zu Suche und Filtern passen; der ausgewählte wird im Detailbereich angezeigt.</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Export the leads in view, or the whole pipeline, as CSV, XLSX or a PDF report (Ctrl+E)</source>
        <translation>Die angezeigten Leads oder die gesamte Pipeline als CSV, XLSX oder PDF-Bericht exportieren (Strg+E)</translation>
    </message>
    <message>
        <source>☰ Table</source>
        <translation>☰ Tabelle</translation>
    </message>
    <message>
        <source>Show the leads as a table</source>
        <translation>Die Leads als Tabelle anzeigen</translation>
    </message>
    <message>
        <source>▥ Board</source>
        <translation>▥ Board</translation>
    </message>
    <message>
        <source>Show the leads as a board, one column per status; drag a card to move it</source>
        <translation>Die Leads als Board anzeigen, eine Spalte pro Status; ziehen Sie eine Karte, um sie zu verschieben</translation>
    </message>
    <message>
        <source>Save view…</source>
        <translation>Ansicht speichern…</translation>
    </message>
    <message>
        <source>Save the search, filters, sort and columns as a view in the sidebar</source>
        <translation>Suche, Filter, Sortierung und Spalten als Ansicht in der Seitenleiste speichern</translation>
    </message>
    <message>
        <source>Could not undo %1.</source>
        <translation>%1 konnte nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Undone: %1.</source>
        <translation>Rückgängig gemacht: %1.</translation>
    </message>
</context>
<context>
    <name>Leads::LocalTeamSettings</name>
    <message>
        <source>New leads are only captured by a team server: sign in to set the assignment rule.</source>
        <translation>Neue Leads werden nur von einem Team-Server erfasst: Melden Sie sich an, um die Zuweisungsregel festzulegen.</translation>
    </message>
</context>
<context>
    <name>Leads::MainWindow</name>
    <message>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Wiedervorlagen</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Nicht zugewiesen</translation>
    </message>
    <message>
        <source>Follow-up due</source>
        <translation>Wiedervorlage fällig</translation>
    </message>
    <message>
        <source>Follow up with %1</source>
        <translation>Wiedervorlage bei %1</translation>
    </message>
    <message>
        <source>Signed in as %1 · %2</source>
        <translation>Angemeldet als %1 · %2</translation>
    </message>
    <message>
        <source>Local database (in memory)</source>
        <translation>Lokale Datenbank (im Arbeitsspeicher)</translation>
    </message>
    <message>
        <source>Local database · %1</source>
        <translation>Lokale Datenbank · %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>%1 leads</source>
        <translation>%1 Leads</translation>
    </message>
    <message>
        <source>%1 of %2 leads shown</source>
        <translation>%1 von %2 Leads angezeigt</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>Go to Leads</source>
        <translation>Gehe zu Leads</translation>
    </message>
    <message>
        <source>Go to Pipeline</source>
        <translation>Gehe zu Pipeline</translation>
    </message>
    <message>
        <source>Go to Follow-ups</source>
        <translation>Gehe zu Wiedervorlagen</translation>
    </message>
    <message>
        <source>Go to Unassigned</source>
        <translation>Gehe zu Nicht zugewiesen</translation>
    </message>
    <message>
        <source>&amp;Leads</source>
        <translation>&amp;Leads</translation>
    </message>
    <message>
        <source>&amp;Keyboard triage</source>
        <translation>Tastatur-&amp;Triage</translation>
    </message>
    <message>
        <source>Command &amp;palette…</source>
        <translation>&amp;Befehlspalette…</translation>
    </message>
    <message>
        <source>Possible &amp;duplicates…</source>
        <translation>Mögliche &amp;Duplikate…</translation>
    </message>
    <message>
        <source>&amp;Edit selected…</source>
        <translation>Ausgewählte b&amp;earbeiten…</translation>
    </message>
    <message>
        <source>Edit &amp;all matching…</source>
        <translation>&amp;Alle Treffer bearbeiten…</translation>
    </message>
    <message>
        <source>Edit &amp;all %1 matching…</source>
        <translation>&amp;Alle %1 Treffer bearbeiten…</translation>
    </message>
    <message>
        <source>TRIAGE ON · %1</source>
        <translation>TRIAGE AN · %1</translation>
    </message>
    <message>
        <source>Keyboard triage is on</source>
        <translation>Tastatur-Triage ist an</translation>
    </message>
    <message>
        <source>Leads — Keyboard triage</source>
        <translation>Leads — Tastatur-Triage</translation>
    </message>
    <message>
        <source>Keyboard triage on: %1</source>
        <translation>Tastatur-Triage an: %1</translation>
    </message>
    <message>
        <source>Keyboard triage off.</source>
        <translation>Tastatur-Triage aus.</translation>
    </message>
    <message>
        <source>Merged &quot;%1&quot; into &quot;%2&quot;. Ctrl+Z undoes it.</source>
        <translation>„%1“ in „%2“ zusammengeführt. Strg+Z macht es rückgängig.</translation>
    </message>
    <message>
        <source>merge of &quot;%1&quot;</source>
        <translation>Zusammenführung von „%1“</translation>
    </message>
    <message>
        <source>Select leads to edit first.</source>
        <translation>Wählen Sie zuerst die zu bearbeitenden Leads aus.</translation>
    </message>
    <message numerus="yes">
        <source>bulk edit of %n lead(s)</source>
        <translation>
            <numerusform>Sammelbearbeitung von %n Lead</numerusform>
            <numerusform>Sammelbearbeitung von %n Leads</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Leads::MergeDialog</name>
    <message>
        <source>Merge leads</source>
        <translation>Leads zusammenführen</translation>
    </message>
    <message>
        <source>Choose which value the merged lead keeps. The lead on the left stays; the other one&apos;s timeline joins it and it is closed as Lost (Duplicate). Ctrl+Z undoes the merge.</source>
        <translation>Wählen Sie, welchen Wert der zusammengeführte Lead behält. Der linke Lead bleibt bestehen; die Zeitleiste des anderen wird übernommen, und dieser wird als Verloren (Duplicate) abgeschlossen. Strg+Z macht die Zusammenführung rückgängig.</translation>
    </message>
    <message>
        <source>Keep the other lead</source>
        <translation>Den anderen Lead behalten</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Zusammenführen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Created %1 · %n timeline entries</source>
        <translation>
            <numerusform>Erstellt %1 · %n Zeitleisteneintrag</numerusform>
            <numerusform>Erstellt %1 · %n Zeitleisteneinträge</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>Merge into it</source>
        <translation>In diesen zusammenführen</translation>
    </message>
    <message>
        <source>%1 from the kept lead</source>
        <translation>%1 vom behaltenen Lead</translation>
    </message>
    <message>
        <source>%1 from the merged lead</source>
        <translation>%1 vom anderen Lead</translation>
    </message>
    <message>
        <source>&lt;b&gt;Result:&lt;/b&gt; %1%2 · %3 · %4 · %5&lt;br&gt;Timeline: %6 + %7 entries, and the merge itself.</source>
        <translation>&lt;b&gt;Ergebnis:&lt;/b&gt; %1%2 · %3 · %4 · %5&lt;br&gt;Zeitleiste: %6 + %7 Einträge und die Zusammenführung selbst.</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Nicht zugewiesen</translation>
    </message>
</context>
<context>
    <name>Leads::MergePlan</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Kampagne</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Wiedervorlage</translation>
    </message>
    <message>
        <source>Manual score</source>
        <translation>Manuelle Bewertung</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Nicht zugewiesen</translation>
    </message>
</context>
<context>
    <name>Leads::MergeRule</name>
    <message>
        <source>A lead cannot be merged with itself.</source>
        <translation>Ein Lead kann nicht mit sich selbst zusammengeführt werden.</translation>
    </message>
    <message>
        <source>The merge plan is for other leads.</source>
        <translation>Der Zusammenführungsplan gilt für andere Leads.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is closed (%2): merge into an active lead.</source>
        <translation>„%1“ ist abgeschlossen (%2): Wählen Sie einen aktiven Lead als Ziel der Zusammenführung.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is closed (%2); closed leads keep their history and are not merged.</source>
        <translation>„%1“ ist abgeschlossen (%2); abgeschlossene Leads behalten ihren Verlauf und werden nicht zusammengeführt.</translation>
    </message>
    <message>
        <source>The merged lead needs a name.</source>
        <translation>Der zusammengeführte Lead braucht einen Namen.</translation>
    </message>
    <message>
        <source>Keep a phone number or an e-mail address so the contact can be reached.</source>
        <translation>Behalten Sie eine Telefonnummer oder E-Mail-Adresse, damit der Kontakt erreichbar bleibt.</translation>
    </message>
</context>
<context>
    <name>Leads::MergeService</name>
    <message>
        <source>merging the leads</source>
        <translation>Zusammenführen der Leads</translation>
    </message>
    <message>
        <source>merging the timelines</source>
        <translation>Zusammenführen der Zeitleisten</translation>
    </message>
    <message>
        <source>Merged into &quot;%1&quot;.</source>
        <translation>In „%1“ zusammengeführt.</translation>
    </message>
    <message>
        <source>closing the merged lead</source>
        <translation>Schließen des zusammengeführten Leads</translation>
    </message>
    <message>
        <source>The lead changed while you were editing it; try again.</source>
        <translation>Der Lead wurde geändert, während Sie ihn bearbeitet haben; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>queueing the merge for sync</source>
        <translation>Vormerken der Zusammenführung zur Synchronisierung</translation>
    </message>
    <message>
        <source>restoring a refused merge</source>
        <translation>Wiederherstellen einer abgelehnten Zusammenführung</translation>
    </message>
</context>
<context>
    <name>Leads::ModelEvaluation</name>
    <message>
        <source>Time-ordered hold-out: trained on the older %1 outcomes, tested on the newest %2 (%3 converted)
</source>
        <translation>Zeitlich geordnete Testdaten: trainiert auf den älteren %1 Ergebnissen, getestet auf den neuesten %2 (%3 konvertiert)
</translation>
    </message>
    <message>
        <source>  AUC            %1   (shuffled-label control: %2)
</source>
        <translation>  AUC            %1   (Kontrolle mit gemischten Labels: %2)
</translation>
    </message>
    <message>
        <source>  AUC of the built-in starting model alone: %1
</source>
        <translation>  AUC des eingebauten Startmodells allein: %1
</translation>
    </message>
    <message>
        <source>  log-loss       %1
</source>
        <translation>  Log-Loss       %1
</translation>
    </message>
    <message>
        <source>  Brier score    %1
</source>
        <translation>  Brier-Score    %1
</translation>
    </message>
    <message>
        <source>
Calibration (hold-out):
  predicted     leads  mean predicted  converted
</source>
        <translation>
Kalibrierung (Testdaten):
  vorhergesagt  Leads  Mittel vorherges.  konvertiert
</translation>
    </message>
    <message>
        <source>
Strongest factors (log-odds against the average lead, share of leads):
</source>
        <translation>
Stärkste Faktoren (Log-Odds gegenüber dem durchschnittlichen Lead, Anteil der Leads):
</translation>
    </message>
</context>
<context>
    <name>Leads::ModelTrainer</name>
    <message>
        <source>the workspace</source>
        <translation>der Arbeitsbereich</translation>
    </message>
    <message>
        <source>Cannot evaluate the AI model on fewer than two outcomes.</source>
        <translation>Das KI-Modell kann nicht mit weniger als zwei Ergebnissen bewertet werden.</translation>
    </message>
    <message>
        <source>the older 80 % of the outcomes</source>
        <translation>die älteren 80 % der Ergebnisse</translation>
    </message>
</context>
<context>
    <name>Leads::NewLeadDialog</name>
    <message>
        <source>New lead</source>
        <translation>Neuer Lead</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Vollständiger Name</translation>
    </message>
    <message>
        <source>+34 612 345 678</source>
        <translation>+49 151 23456789</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Company</source>
        <translation>&amp;Firma</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Telefon</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;E-Mail</translation>
    </message>
    <message>
        <source>Me (%1)</source>
        <translation>Ich (%1)</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Nicht zugewiesen</translation>
    </message>
    <message>
        <source>&amp;Assignee</source>
        <translation>&amp;Zuständig</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>N&amp;otiz</translation>
    </message>
    <message>
        <source>Create lead</source>
        <translation>Lead anlegen</translation>
    </message>
    <message>
        <source>Open existing lead</source>
        <translation>Vorhandenen Lead öffnen</translation>
    </message>
</context>
<context>
    <name>Leads::NotAppliedDialog</name>
    <message>
        <source>Changes not applied</source>
        <translation>Nicht übernommene Änderungen</translation>
    </message>
    <message>
        <source>The server refused these changes, usually because someone else changed the lead first. The lead shows what the server has.</source>
        <translation>Der Server hat diese Änderungen abgelehnt, meist weil jemand anderes den Lead zuerst geändert hat. Der Lead zeigt den Stand des Servers.</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>Your change</source>
        <translation>Ihre Änderung</translation>
    </message>
    <message>
        <source>Why it was refused</source>
        <translation>Warum sie abgelehnt wurde</translation>
    </message>
    <message>
        <source>The server has</source>
        <translation>Stand auf dem Server</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>Make the same change again on the lead as it is now.</source>
        <translation>Dieselbe Änderung erneut am aktuellen Stand des Leads vornehmen.</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>Forget this change; the server&apos;s value stays.</source>
        <translation>Diese Änderung verwerfen; der Wert des Servers bleibt.</translation>
    </message>
    <message>
        <source>Status → %1</source>
        <translation>Status → %1</translation>
    </message>
    <message>
        <source>Unassign</source>
        <translation>Zuweisung aufheben</translation>
    </message>
    <message>
        <source>Assign to %1</source>
        <translation>An %1 zuweisen</translation>
    </message>
    <message>
        <source>Score %1</source>
        <translation>Bewertung %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Notiz: %1</translation>
    </message>
    <message>
        <source>Follow up %1</source>
        <translation>Wiedervorlage %1</translation>
    </message>
    <message>
        <source>Clear the follow-up</source>
        <translation>Wiedervorlage löschen</translation>
    </message>
    <message>
        <source>New lead %1</source>
        <translation>Neuer Lead %1</translation>
    </message>
    <message>
        <source>assigned to %1</source>
        <translation>an %1 zugewiesen</translation>
    </message>
    <message>
        <source>This kind of change cannot be retried; make it again by hand.</source>
        <translation>Diese Art von Änderung kann nicht wiederholt werden; nehmen Sie sie erneut von Hand vor.</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) queued again.</source>
        <translation>
            <numerusform>%n Änderung erneut eingereiht.</numerusform>
            <numerusform>%n Änderungen erneut eingereiht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Merge: %1</source>
        <translation>Zusammenführen: %1</translation>
    </message>
</context>
<context>
    <name>Leads::PasswordPolicy</name>
    <message>
        <source>The password must have at least %1 characters.</source>
        <translation>Das Passwort muss mindestens %1 Zeichen haben.</translation>
    </message>
    <message>
        <source>The password must have at most %1 characters.</source>
        <translation>Das Passwort darf höchstens %1 Zeichen haben.</translation>
    </message>
    <message>
        <source>The password must not be the user name.</source>
        <translation>Das Passwort darf nicht der Benutzername sein.</translation>
    </message>
</context>
<context>
    <name>Leads::PermissionMatrix</name>
    <message>
        <source>Your role (%1) may not %2.</source>
        <translation>Ihre Rolle (%1) darf nicht %2.</translation>
    </message>
    <message>
        <source>Unknown role &quot;%1&quot;.</source>
        <translation>Unbekannte Rolle „%1“.</translation>
    </message>
    <message>
        <source>The permissions of role &quot;%1&quot; must be a list.</source>
        <translation>Die Berechtigungen der Rolle „%1“ müssen eine Liste sein.</translation>
    </message>
    <message>
        <source>Unknown permission &quot;%1&quot;.</source>
        <translation>Unbekannte Berechtigung „%1“.</translation>
    </message>
</context>
<context>
    <name>Leads::Pipeline</name>
    <message>
        <source>This lead is already %1.</source>
        <translation>Dieser Lead ist bereits %1.</translation>
    </message>
    <message>
        <source>Choose a lost reason before marking this lead as Lost.</source>
        <translation>Wählen Sie einen Verlustgrund, bevor Sie diesen Lead als verloren markieren.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not one of the configured lost reasons.</source>
        <translation>„%1“ ist keiner der eingestellten Verlustgründe.</translation>
    </message>
</context>
<context>
    <name>Leads::PipelinePage</name>
    <message>
        <source>%1 days</source>
        <translation>%1 Tage</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>Converted</source>
        <translation>Konvertiert</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Verloren</translation>
    </message>
    <message>
        <source>Conversion</source>
        <translation>Konversion</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open the agent&apos;s leads</source>
        <translation>Doppelklicken oder Eingabetaste drücken, um die Leads des Agenten zu öffnen</translation>
    </message>
    <message>
        <source>Leads per status</source>
        <translation>Leads pro Status</translation>
    </message>
    <message>
        <source>Days in current status</source>
        <translation>Tage im aktuellen Status</translation>
    </message>
    <message>
        <source>Created and converted per week</source>
        <translation>Erstellt und konvertiert pro Woche</translation>
    </message>
    <message>
        <source>Lost reasons</source>
        <translation>Verlustgründe</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Agenten</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <source>Leads created in this period</source>
        <translation>In diesem Zeitraum erstellte Leads</translation>
    </message>
    <message>
        <source>Created: any time</source>
        <translation>Erstellt: beliebiger Zeitraum</translation>
    </message>
    <message>
        <source>Created between…</source>
        <translation>Erstellt zwischen…</translation>
    </message>
    <message>
        <source>Created: %1</source>
        <translation>Erstellt: %1</translation>
    </message>
    <message>
        <source>Created on or after</source>
        <translation>Erstellt am oder nach</translation>
    </message>
    <message>
        <source>Created on or before</source>
        <translation>Erstellt am oder vor</translation>
    </message>
    <message>
        <source>All sources</source>
        <translation>Alle Quellen</translation>
    </message>
    <message>
        <source>Where the leads came from</source>
        <translation>Woher die Leads kamen</translation>
    </message>
    <message>
        <source>All agents</source>
        <translation>Alle Agenten</translation>
    </message>
    <message>
        <source>Who the leads are assigned to</source>
        <translation>Wem die Leads zugewiesen sind</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Nicht zugewiesen</translation>
    </message>
    <message>
        <source>All campaigns</source>
        <translation>Alle Kampagnen</translation>
    </message>
    <message>
        <source>The broadcast campaign the leads answered</source>
        <translation>Die Rundsendungskampagne, auf die die Leads geantwortet haben</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Compute the figures again (F5)</source>
        <translation>Die Kennzahlen neu berechnen (F5)</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>Conversion rate</source>
        <translation>Konversionsrate</translation>
    </message>
    <message>
        <source>Median time to convert</source>
        <translation>Mittlere Zeit bis zur Konversion</translation>
    </message>
    <message>
        <source>Overdue follow-ups</source>
        <translation>Überfällige Wiedervorlagen</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>Als PNG speichern…</translation>
    </message>
    <message>
        <source>Save this chart as a PNG picture</source>
        <translation>Dieses Diagramm als PNG-Bild speichern</translation>
    </message>
    <message>
        <source>%1 leads · updating…</source>
        <translation>%1 Leads · wird aktualisiert…</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Berechne…</translation>
    </message>
    <message>
        <source>The figures could not be computed: %1</source>
        <translation>Die Kennzahlen konnten nicht berechnet werden: %1</translation>
    </message>
    <message>
        <source>%1 leads · as of %2</source>
        <translation>%1 Leads · Stand %2</translation>
    </message>
    <message>
        <source>created in the period</source>
        <translation>im Zeitraum erstellt</translation>
    </message>
    <message>
        <source>%1 of all</source>
        <translation>%1 von allen</translation>
    </message>
    <message>
        <source>%1 converted · %2 lost</source>
        <translation>%1 konvertiert · %2 verloren</translation>
    </message>
    <message>
        <source>mean %1</source>
        <translation>Mittelwert %1</translation>
    </message>
    <message>
        <source>on active leads</source>
        <translation>bei aktiven Leads</translation>
    </message>
    <message>
        <source>Click a bar to see those leads</source>
        <translation>Klicken Sie auf einen Balken, um diese Leads zu sehen</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Weeks start on Monday (UTC); the last one is this week so far</source>
        <translation>Wochen beginnen am Montag (UTC); die letzte ist die laufende Woche</translation>
    </message>
    <message>
        <source>No reason given</source>
        <translation>Kein Grund angegeben</translation>
    </message>
    <message>
        <source>No lost leads</source>
        <translation>Keine verlorenen Leads</translation>
    </message>
    <message>
        <source>Click a bar to see the lost leads</source>
        <translation>Klicken Sie auf einen Balken, um die verlorenen Leads zu sehen</translation>
    </message>
    <message>
        <source>Active leads</source>
        <translation>Aktive Leads</translation>
    </message>
    <message>
        <source>Days since each active lead&apos;s last status change (or its creation)</source>
        <translation>Tage seit der letzten Statusänderung jedes aktiven Leads (oder seit seiner Erstellung)</translation>
    </message>
    <message>
        <source>%1: %2 leads in the period</source>
        <translation>%1: %2 Leads im Zeitraum</translation>
    </message>
    <message>
        <source>Save chart as PNG</source>
        <translation>Diagramm als PNG speichern</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>Leads::SavedViews</name>
    <message>
        <source>My open leads</source>
        <translation>Meine offenen Leads</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Nicht zugewiesen</translation>
    </message>
    <message>
        <source>Overdue follow-ups</source>
        <translation>Überfällige Wiedervorlagen</translation>
    </message>
    <message>
        <source>Hot (AI ≥ %1)</source>
        <translation>Heiß (KI ≥ %1)</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>Liegengeblieben</translation>
    </message>
    <message>
        <source>reading saved views</source>
        <translation>Lesen der gespeicherten Ansichten</translation>
    </message>
    <message>
        <source>A view needs a name.</source>
        <translation>Eine Ansicht braucht einen Namen.</translation>
    </message>
    <message>
        <source>saving a view</source>
        <translation>Speichern einer Ansicht</translation>
    </message>
    <message>
        <source>Only your own views can be changed.</source>
        <translation>Nur Ihre eigenen Ansichten können geändert werden.</translation>
    </message>
    <message>
        <source>renaming a view</source>
        <translation>Umbenennen einer Ansicht</translation>
    </message>
    <message>
        <source>Only your own views can be renamed.</source>
        <translation>Nur Ihre eigenen Ansichten können umbenannt werden.</translation>
    </message>
    <message>
        <source>deleting a view</source>
        <translation>Löschen einer Ansicht</translation>
    </message>
    <message>
        <source>Only your own views can be deleted.</source>
        <translation>Nur Ihre eigenen Ansichten können gelöscht werden.</translation>
    </message>
    <message>
        <source>Only your own views can be moved.</source>
        <translation>Nur Ihre eigenen Ansichten können verschoben werden.</translation>
    </message>
    <message>
        <source>reordering views</source>
        <translation>Neuordnen der Ansichten</translation>
    </message>
    <message>
        <source>saving team views</source>
        <translation>Speichern der Team-Ansichten</translation>
    </message>
</context>
<context>
    <name>Leads::SavedViewsController</name>
    <message>
        <source>Name of the view:</source>
        <translation>Name der Ansicht:</translation>
    </message>
    <message>
        <source>Delete view</source>
        <translation>Ansicht löschen</translation>
    </message>
    <message>
        <source>Rename view</source>
        <translation>Ansicht umbenennen</translation>
    </message>
    <message>
        <source>Delete the view &quot;%1&quot;? The leads stay as they are.</source>
        <translation>Die Ansicht „%1“ löschen? Die Leads bleiben unverändert.</translation>
    </message>
    <message>
        <source>View &quot;%1&quot; saved.</source>
        <translation>Ansicht „%1“ gespeichert.</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>Ansicht speichern</translation>
    </message>
    <message>
        <source>View &quot;%1&quot; is shared with the team.</source>
        <translation>Ansicht „%1“ ist für das Team freigegeben.</translation>
    </message>
    <message>
        <source>View &quot;%1&quot; is no longer shared.</source>
        <translation>Ansicht „%1“ ist nicht mehr freigegeben.</translation>
    </message>
</context>
<context>
    <name>Leads::ScoreDelegate</name>
    <message>
        <source>M</source>
        <translation>M</translation>
    </message>
    <message>
        <source>AI</source>
        <translation>KI</translation>
    </message>
</context>
<context>
    <name>Leads::ScoringModel</name>
    <message>
        <source>No converted or lost leads to learn from yet: scores come from the built-in starting model.</source>
        <translation>Noch keine konvertierten oder verlorenen Leads zum Lernen: Bewertungen stammen aus dem eingebauten Startmodell.</translation>
    </message>
    <message>
        <source>Trained on only %1 converted or lost leads (at least %2 are needed to trust it); scores lean on the built-in starting model.</source>
        <translation>Trainiert auf nur %1 konvertierten oder verlorenen Leads (mindestens %2 sind nötig, um ihm zu vertrauen); Bewertungen stützen sich auf das eingebaute Startmodell.</translation>
    </message>
    <message>
        <source>The stored scoring model cannot be read (%1); train it again.</source>
        <translation>Das gespeicherte Bewertungsmodell kann nicht gelesen werden (%1); trainieren Sie es neu.</translation>
    </message>
    <message>
        <source>not from a campaign</source>
        <translation>nicht aus einer Kampagne</translation>
    </message>
    <message>
        <source>came from a smaller campaign</source>
        <translation>kam aus einer kleineren Kampagne</translation>
    </message>
    <message>
        <source>came from campaign “%1”</source>
        <translation>kam aus der Kampagne „%1“</translation>
    </message>
    <message>
        <source>%1 not set</source>
        <translation>%1 nicht gesetzt</translation>
    </message>
    <message>
        <source>%1 set</source>
        <translation>%1 gesetzt</translation>
    </message>
    <message>
        <source>%1 below %2</source>
        <translation>%1 unter %2</translation>
    </message>
    <message>
        <source>%1 %2 to %3</source>
        <translation>%1 %2 bis %3</translation>
    </message>
    <message>
        <source>%1 %2 or more</source>
        <translation>%1 %2 oder mehr</translation>
    </message>
    <message>
        <source>%1 is an uncommon value</source>
        <translation>%1 ist ein seltener Wert</translation>
    </message>
    <message>
        <source>%1 is %2</source>
        <translation>%1 ist %2</translation>
    </message>
</context>
<context>
    <name>Leads::ScoringScheduler</name>
    <message>
        <source>Training stopped unexpectedly.</source>
        <translation>Das Training wurde unerwartet beendet.</translation>
    </message>
    <message numerus="yes">
        <source>Trained on %n outcome(s).</source>
        <translation>
            <numerusform>Trainiert auf %n Ergebnis.</numerusform>
            <numerusform>Trainiert auf %n Ergebnissen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Leads::ScoringService</name>
    <message>
        <source>counting outcomes</source>
        <translation>Zählen der Ergebnisse</translation>
    </message>
    <message>
        <source>AI qualification is switched off in the settings.</source>
        <translation>Die KI-Qualifizierung ist in den Einstellungen ausgeschaltet.</translation>
    </message>
    <message>
        <source>reading leads to score</source>
        <translation>Lesen der zu bewertenden Leads</translation>
    </message>
</context>
<context>
    <name>Leads::ServerAiSettings</name>
    <message>
        <source>Reading the model from the server…</source>
        <translation>Das Modell wird vom Server gelesen…</translation>
    </message>
    <message>
        <source>The server could not be reached: %1</source>
        <translation>Der Server ist nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>Only people allowed to manage settings can change AI qualification.</source>
        <translation>Nur Personen, die Einstellungen verwalten dürfen, können die KI-Qualifizierung ändern.</translation>
    </message>
    <message>
        <source>Trained on the server.</source>
        <translation>Auf dem Server trainiert.</translation>
    </message>
</context>
<context>
    <name>Leads::ServerTeamSettings</name>
    <message>
        <source>The server did not answer: %1</source>
        <translation>Der Server hat nicht geantwortet: %1</translation>
    </message>
    <message>
        <source>The server refused the change (HTTP %1).</source>
        <translation>Der Server hat die Änderung abgelehnt (HTTP %1).</translation>
    </message>
</context>
<context>
    <name>Leads::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Einstellungsseiten</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Präferenzen</translation>
    </message>
    <message>
        <source>Roles &amp; permissions</source>
        <translation>Rollen &amp; Berechtigungen</translation>
    </message>
    <message>
        <source>Team members</source>
        <translation>Teammitglieder</translation>
    </message>
    <message>
        <source>Lost reasons</source>
        <translation>Verlustgründe</translation>
    </message>
    <message>
        <source>Assignment</source>
        <translation>Zuweisung</translation>
    </message>
    <message>
        <source>Lead capture</source>
        <translation>Lead-Erfassung</translation>
    </message>
    <message>
        <source>AI qualification</source>
        <translation>KI-Qualifizierung</translation>
    </message>
    <message>
        <source>Loading the team&apos;s settings…</source>
        <translation>Die Einstellungen des Teams werden geladen…</translation>
    </message>
    <message>
        <source>Could not load the team&apos;s settings: %1</source>
        <translation>Die Einstellungen des Teams konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Yours only, on this computer.</source>
        <translation>Nur für Sie, auf diesem Computer.</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Design:</translation>
    </message>
    <message>
        <source>Remind me when a follow-up is due</source>
        <translation>Erinnern, wenn eine Wiedervorlage fällig ist</translation>
    </message>
    <message>
        <source>Notifications:</source>
        <translation>Benachrichtigungen:</translation>
    </message>
    <message>
        <source>Follow the system (%1)</source>
        <translation>Wie das System (%1)</translation>
    </message>
    <message>
        <source>Not signed in — File → Sign in…</source>
        <translation>Nicht angemeldet — Datei → Anmelden…</translation>
    </message>
    <message>
        <source>Team server:</source>
        <translation>Team-Server:</translation>
    </message>
    <message>
        <source>Saved on the server, which enforces them for everyone at once.</source>
        <translation>Auf dem Server gespeichert, der sie für alle gleichzeitig durchsetzt.</translation>
    </message>
    <message>
        <source>For this computer&apos;s workspace.</source>
        <translation>Für den Arbeitsbereich dieses Computers.</translation>
    </message>
    <message>
        <source>Permissions per role</source>
        <translation>Berechtigungen pro Rolle</translation>
    </message>
    <message>
        <source>Restore defaults</source>
        <translation>Standard wiederherstellen</translation>
    </message>
    <message>
        <source>Save permissions</source>
        <translation>Berechtigungen speichern</translation>
    </message>
    <message>
        <source>Defaults restored in the grid — save to apply them.</source>
        <translation>Standardwerte im Raster wiederhergestellt — speichern, um sie anzuwenden.</translation>
    </message>
    <message>
        <source>Permissions saved.</source>
        <translation>Berechtigungen gespeichert.</translation>
    </message>
    <message>
        <source>Admins always keep this, so nobody can lock the team out.</source>
        <translation>Admins behalten dies immer, damit niemand das Team aussperren kann.</translation>
    </message>
    <message>
        <source>Offered when a lead is marked Lost. Double-click to rename; removing one retires it — leads already lost for it keep it.</source>
        <translation>Wird angeboten, wenn ein Lead als verloren markiert wird. Doppelklicken zum Umbenennen; Entfernen stellt einen Grund ein — bereits dafür verlorene Leads behalten ihn.</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>Einstellen</translation>
    </message>
    <message>
        <source>Save lost reasons</source>
        <translation>Verlustgründe speichern</translation>
    </message>
    <message>
        <source>Add a lost reason</source>
        <translation>Verlustgrund hinzufügen</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Grund:</translation>
    </message>
    <message>
        <source>Lost reasons saved.</source>
        <translation>Verlustgründe gespeichert.</translation>
    </message>
    <message>
        <source>Assignment of captured leads</source>
        <translation>Zuweisung erfasster Leads</translation>
    </message>
    <message>
        <source>Who gets a lead that arrives from a broadcast reply, a chat or an integration. Deactivated agents are passed over.</source>
        <translation>Wer einen Lead erhält, der aus einer Antwort auf eine Rundsendung, einem Chat oder einer Integration kommt. Deaktivierte Agenten werden übergangen.</translation>
    </message>
    <message>
        <source>Assignment rule</source>
        <translation>Zuweisungsregel</translation>
    </message>
    <message>
        <source>Agents who take captured leads</source>
        <translation>Agenten, die erfasste Leads übernehmen</translation>
    </message>
    <message>
        <source>Save rule</source>
        <translation>Regel speichern</translation>
    </message>
    <message>
        <source>Assignment rule saved.</source>
        <translation>Zuweisungsregel gespeichert.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The language of the texts, dates and numbers in Leads.</source>
        <translation>Die Sprache der Texte, Datumsangaben und Zahlen in Leads.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>Restart Leads to switch the language.</source>
        <translation>Starten Sie Leads neu, um die Sprache zu wechseln.</translation>
    </message>
    <message>
        <source>Stale limits saved.</source>
        <translation>Grenzen für liegengebliebene Leads gespeichert.</translation>
    </message>
    <message>
        <source>Stale leads</source>
        <translation>Liegengebliebene Leads</translation>
    </message>
</context>
<context>
    <name>Leads::Sidebar</name>
    <message>
        <source>Leads CRM</source>
        <translation>Leads CRM</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>%1 (team view)</source>
        <translation>%1 (Team-Ansicht)</translation>
    </message>
    <message>
        <source>Shared with the team by a manager</source>
        <translation>Von einem Manager für das Team freigegeben</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Stop sharing</source>
        <translation>Freigabe beenden</translation>
    </message>
    <message>
        <source>Share with team</source>
        <translation>Für das Team freigeben</translation>
    </message>
</context>
<context>
    <name>Leads::SignInDialog</name>
    <message>
        <source>Sign in to your team</source>
        <translation>Bei Ihrem Team anmelden</translation>
    </message>
    <message>
        <source>Sign in to share leads with your team. Everything you do offline is sent when the connection is back.</source>
        <translation>Melden Sie sich an, um Leads mit Ihrem Team zu teilen. Alles, was Sie offline tun, wird gesendet, sobald die Verbindung wieder besteht.</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Sign-in error</source>
        <translation>Anmeldefehler</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Work offline</source>
        <translation>Offline arbeiten</translation>
    </message>
    <message>
        <source>Keep working on the leads on this computer; sign in later from the File menu.</source>
        <translation>Mit den Leads auf diesem Computer weiterarbeiten; später über das Menü „Datei“ anmelden.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server address. Use the address your administrator gave you, for example https://leads.example.com.</source>
        <translation>„%1“ ist keine Serveradresse. Verwenden Sie die Adresse, die Sie von Ihrem Administrator erhalten haben, zum Beispiel https://leads.example.com.</translation>
    </message>
</context>
<context>
    <name>Leads::StaleRulesPage</name>
    <message>
        <source>Stale leads</source>
        <translation>Liegengebliebene Leads</translation>
    </message>
    <message>
        <source>A lead is stale when it stays in a status longer than this without any activity. Stale leads are marked in the table and on the board and counted in the sidebar. 0 days: never stale.</source>
        <translation>Ein Lead gilt als liegengeblieben, wenn er länger als hier angegeben ohne jede Aktivität in einem Status bleibt. Liegengebliebene Leads werden in der Tabelle und auf dem Board markiert und in der Seitenleiste gezählt. 0 Tage: nie liegengeblieben.</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Days without activity before a %1 lead is stale</source>
        <translation>Tage ohne Aktivität, bis ein Lead im Status „%1“ liegengeblieben ist</translation>
    </message>
    <message>
        <source>Save limits</source>
        <translation>Grenzen speichern</translation>
    </message>
</context>
<context>
    <name>Leads::SyncBadges</name>
    <message>
        <source>Waiting to sync</source>
        <translation>Wartet auf Synchronisierung</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisiert</translation>
    </message>
    <message>
        <source>Not applied</source>
        <translation>Nicht übernommen</translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation>Nicht übernommen: %1</translation>
    </message>
</context>
<context>
    <name>Leads::SyncController</name>
    <message>
        <source>Your session has ended. Sign in again to sync.</source>
        <translation>Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an, um zu synchronisieren.</translation>
    </message>
    <message>
        <source>Working offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Syncing… %1 changes</source>
        <translation>Synchronisiere… %1 Änderungen</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisiere…</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisiert</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n Änderung wartet</numerusform>
            <numerusform>%n Änderungen warten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Offline · %n change(s) waiting</source>
        <translation>
            <numerusform>Offline · %n Änderung wartet</numerusform>
            <numerusform>Offline · %n Änderungen warten</numerusform>
        </translation>
    </message>
    <message>
        <source>Sign in again to sync</source>
        <translation>Zum Synchronisieren erneut anmelden</translation>
    </message>
    <message>
        <source>Sync error</source>
        <translation>Synchronisierungsfehler</translation>
    </message>
    <message>
        <source>Not signed in: changes stay on this computer. Sign in from the File menu to work with your team.</source>
        <translation>Nicht angemeldet: Änderungen bleiben auf diesem Computer. Melden Sie sich über das Menü „Datei“ an, um mit Ihrem Team zu arbeiten.</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <source>Last synced %1</source>
        <translation>Zuletzt synchronisiert %1</translation>
    </message>
    <message numerus="yes">
        <source>Trying again in %n second(s).</source>
        <translation>
            <numerusform>Neuer Versuch in %n Sekunde.</numerusform>
            <numerusform>Neuer Versuch in %n Sekunden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not applied by the server.</source>
        <translation>
            <numerusform>%n Änderung wurde vom Server nicht übernommen.</numerusform>
            <numerusform>%n Änderungen wurden vom Server nicht übernommen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Leads::SyncEngine</name>
    <message>
        <source>This server needs a different version of Leads; your changes are kept until you update.</source>
        <translation>Dieser Server braucht eine andere Version von Leads; Ihre Änderungen werden aufbewahrt, bis Sie aktualisieren.</translation>
    </message>
    <message>
        <source>This copy and the server disagree about which changes were sent (%1). Contact your administrator.</source>
        <translation>Diese Kopie und der Server sind sich uneinig, welche Änderungen gesendet wurden (%1). Wenden Sie sich an Ihren Administrator.</translation>
    </message>
    <message>
        <source>The server&apos;s answer had no cursor.</source>
        <translation>Die Antwort des Servers enthielt keinen Cursor.</translation>
    </message>
    <message>
        <source>Sign in again to sync: %1</source>
        <translation>Zum Synchronisieren erneut anmelden: %1</translation>
    </message>
</context>
<context>
    <name>Leads::SyncJob</name>
    <message>
        <source>Sync was cancelled.</source>
        <translation>Die Synchronisierung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>Cannot reach the server: %1</source>
        <translation>Der Server ist nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>The server&apos;s answer was incomplete.</source>
        <translation>Die Antwort des Servers war unvollständig.</translation>
    </message>
    <message>
        <source>The server answered %1.</source>
        <translation>Der Server hat mit %1 geantwortet.</translation>
    </message>
</context>
<context>
    <name>Leads::SyncStatusButton</name>
    <message>
        <source>Sync &amp;now</source>
        <translation>Jetzt &amp;synchronisieren</translation>
    </message>
    <message>
        <source>Changes &amp;not applied…</source>
        <translation>&amp;Nicht übernommene Änderungen…</translation>
    </message>
    <message>
        <source>&amp;Sign in…</source>
        <translation>&amp;Anmelden…</translation>
    </message>
    <message>
        <source>Sign &amp;out…</source>
        <translation>Ab&amp;melden…</translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation>Synchronisierungsstatus</translation>
    </message>
    <message>
        <source>Changes &amp;not applied (%1)…</source>
        <translation>&amp;Nicht übernommene Änderungen (%1)…</translation>
    </message>
</context>
<context>
    <name>Leads::SyncStore</name>
    <message>
        <source>reading the sync state</source>
        <translation>Lesen des Synchronisierungszustands</translation>
    </message>
    <message>
        <source>creating the sync identity</source>
        <translation>Anlegen der Synchronisierungsidentität</translation>
    </message>
    <message>
        <source>reading the outbox</source>
        <translation>Lesen des Postausgangs</translation>
    </message>
    <message>
        <source>reading the mutation counter</source>
        <translation>Lesen des Änderungszählers</translation>
    </message>
    <message>
        <source>numbering the outbox</source>
        <translation>Nummerieren des Postausgangs</translation>
    </message>
    <message>
        <source>recording what the server accepted</source>
        <translation>Festhalten, was der Server angenommen hat</translation>
    </message>
    <message>
        <source>The server refused this change.</source>
        <translation>Der Server hat diese Änderung abgelehnt.</translation>
    </message>
    <message>
        <source>recording what the server refused</source>
        <translation>Festhalten, was der Server abgelehnt hat</translation>
    </message>
    <message>
        <source>removing a lead the server refused</source>
        <translation>Entfernen eines vom Server abgelehnten Leads</translation>
    </message>
    <message>
        <source>reading a lead</source>
        <translation>Lesen eines Leads</translation>
    </message>
    <message>
        <source>saving a contact</source>
        <translation>Speichern eines Kontakts</translation>
    </message>
    <message>
        <source>saving an agent</source>
        <translation>Speichern eines Agenten</translation>
    </message>
    <message>
        <source>saving a lead from the server</source>
        <translation>Speichern eines Leads vom Server</translation>
    </message>
    <message>
        <source>replaying a local change</source>
        <translation>Wiederholen einer lokalen Änderung</translation>
    </message>
    <message>
        <source>tidying the timeline</source>
        <translation>Aufräumen der Zeitleiste</translation>
    </message>
    <message>
        <source>updating the search text</source>
        <translation>Aktualisieren des Suchtexts</translation>
    </message>
    <message>
        <source>reading the sync cursor</source>
        <translation>Lesen des Synchronisierungscursors</translation>
    </message>
    <message>
        <source>The sync cursor moved; the page was discarded.</source>
        <translation>Der Synchronisierungscursor hat sich bewegt; die Seite wurde verworfen.</translation>
    </message>
    <message>
        <source>clearing acknowledged changes</source>
        <translation>Löschen bestätigter Änderungen</translation>
    </message>
    <message>
        <source>saving a user</source>
        <translation>Speichern eines Benutzers</translation>
    </message>
    <message>
        <source>removing a lead</source>
        <translation>Entfernen eines Leads</translation>
    </message>
    <message>
        <source>saving a timeline entry</source>
        <translation>Speichern eines Zeitleisteneintrags</translation>
    </message>
    <message>
        <source>saving the sync cursor</source>
        <translation>Speichern des Synchronisierungscursors</translation>
    </message>
    <message>
        <source>starting a full download</source>
        <translation>Starten eines vollständigen Downloads</translation>
    </message>
    <message>
        <source>dismissing a refused change</source>
        <translation>Verwerfen einer abgelehnten Änderung</translation>
    </message>
    <message>
        <source>reading the download progress</source>
        <translation>Lesen des Download-Fortschritts</translation>
    </message>
    <message>
        <source>The download moved on; the chunk was discarded.</source>
        <translation>Der Download ist weitergelaufen; der Teil wurde verworfen.</translation>
    </message>
    <message>
        <source>Saving the download failed: %1</source>
        <translation>Das Speichern des Downloads ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>saving the download progress</source>
        <translation>Speichern des Download-Fortschritts</translation>
    </message>
    <message>
        <source>The server sent a malformed download chunk.</source>
        <translation>Der Server hat einen fehlerhaften Teil des Downloads gesendet.</translation>
    </message>
    <message>
        <source>The server sent the download in a format this version does not read.</source>
        <translation>Der Server hat den Download in einem Format gesendet, das diese Version nicht lesen kann.</translation>
    </message>
</context>
<context>
    <name>Leads::TeamSettings</name>
    <message>
        <source>Only an admin can set when leads become stale.</source>
        <translation>Nur ein Admin kann festlegen, wann Leads als liegengeblieben gelten.</translation>
    </message>
</context>
<context>
    <name>Leads::TokenStore</name>
    <message>
        <source>No keychain is available on this computer (%1), so Leads cannot remember your sign-in: you will be asked to sign in again next time.</source>
        <translation>Auf diesem Computer ist kein Schlüsselbund verfügbar (%1), daher kann sich Leads Ihre Anmeldung nicht merken: Sie werden beim nächsten Mal erneut nach der Anmeldung gefragt.</translation>
    </message>
    <message>
        <source>switched off for this session</source>
        <translation>für diese Sitzung ausgeschaltet</translation>
    </message>
    <message>
        <source>the keychain did not answer</source>
        <translation>der Schlüsselbund hat nicht geantwortet</translation>
    </message>
    <message>
        <source>No saved sign-in was found.</source>
        <translation>Keine gespeicherte Anmeldung gefunden.</translation>
    </message>
</context>
<context>
    <name>Leads::TriageMode</name>
    <message>
        <source>Manual score</source>
        <translation>Manuelle Bewertung</translation>
    </message>
    <message>
        <source>Score (0-100):</source>
        <translation>Bewertung (0-100):</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Wiedervorlage</translation>
    </message>
    <message>
        <source>Follow up on:</source>
        <translation>Wiedervorlage am:</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Notiz hinzufügen</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Notiz:</translation>
    </message>
    <message>
        <source>j/k move · 1-8 status · s score · f follow-up · a assign · l lost · n note · Ctrl+Z undo</source>
        <translation>j/k bewegen · 1-8 Status · s Bewertung · f Wiedervorlage · a zuweisen · l verloren · n Notiz · Strg+Z rückgängig</translation>
    </message>
    <message>
        <source>Moved to %1.</source>
        <translation>Nach „%1“ verschoben.</translation>
    </message>
    <message>
        <source>Status not changed.</source>
        <translation>Status nicht geändert.</translation>
    </message>
    <message>
        <source>Not moved to %1: %2</source>
        <translation>Nicht nach „%1“ verschoben: %2</translation>
    </message>
    <message>
        <source>score</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Scored %1.</source>
        <translation>Mit %1 bewertet.</translation>
    </message>
    <message>
        <source>Not scored: %1</source>
        <translation>Nicht bewertet: %1</translation>
    </message>
    <message>
        <source>follow-up</source>
        <translation>Wiedervorlage</translation>
    </message>
    <message>
        <source>Follow-up set.</source>
        <translation>Wiedervorlage gesetzt.</translation>
    </message>
    <message>
        <source>No follow-up: %1</source>
        <translation>Keine Wiedervorlage gesetzt: %1</translation>
    </message>
    <message>
        <source>note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Note added.</source>
        <translation>Notiz hinzugefügt.</translation>
    </message>
    <message>
        <source>No note: %1</source>
        <translation>Keine Notiz hinzugefügt: %1</translation>
    </message>
</context>
<context>
    <name>Leads::UsersPage</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Team members</source>
        <translation>Teammitglieder</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>Rolle ändern…</translation>
    </message>
    <message>
        <source>Deactivate / reactivate</source>
        <translation>Deaktivieren / reaktivieren</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>Passwort zurücksetzen…</translation>
    </message>
    <message>
        <source>Add a team member</source>
        <translation>Teammitglied hinzufügen</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Benutzername:</translation>
    </message>
    <message>
        <source>Display name:</source>
        <translation>Anzeigename:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Rolle:</translation>
    </message>
    <message>
        <source>First password:</source>
        <translation>Erstes Passwort:</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>Rolle ändern</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Passwort zurücksetzen</translation>
    </message>
    <message>
        <source>New password (at least %1 characters):</source>
        <translation>Neues Passwort (mindestens %1 Zeichen):</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>%1 can now sign in.</source>
        <translation>%1 kann sich jetzt anmelden.</translation>
    </message>
    <message>
        <source>Role changed.</source>
        <translation>Rolle geändert.</translation>
    </message>
    <message>
        <source>Reactivated.</source>
        <translation>Reaktiviert.</translation>
    </message>
    <message>
        <source>Deactivated: their sessions ended; their leads stay assigned.</source>
        <translation>Deaktiviert: Die Sitzungen wurden beendet; die Leads bleiben zugewiesen.</translation>
    </message>
    <message>
        <source>Password reset; their other sessions ended.</source>
        <translation>Passwort zurückgesetzt; die anderen Sitzungen wurden beendet.</translation>
    </message>
</context>
<context>
    <name>Leads::XlsxWriter</name>
    <message>
        <source>Cannot start the XLSX file.</source>
        <translation>Die XLSX-Datei kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot write the XLSX file: %1</source>
        <translation>Die XLSX-Datei kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>MergeService</name>
    <message numerus="yes">
        <source>Merged &quot;%1&quot; into this lead (%n timeline entries).</source>
        <translation>
            <numerusform>„%1“ in diesen Lead zusammengeführt (%n Zeitleisteneintrag).</numerusform>
            <numerusform>„%1“ in diesen Lead zusammengeführt (%n Zeitleisteneinträge).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merged &quot;%1&quot; (%2) into this lead (%n timeline entries).</source>
        <translation>
            <numerusform>„%1“ (%2) in diesen Lead zusammengeführt (%n Zeitleisteneintrag).</numerusform>
            <numerusform>„%1“ (%2) in diesen Lead zusammengeführt (%n Zeitleisteneinträge).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Migrations</name>
    <message>
        <source>Cannot upgrade the database: %1</source>
        <translation>Die Datenbank kann nicht aktualisiert werden: %1</translation>
    </message>
    <message>
        <source>upgrading to schema %1</source>
        <translation>Aktualisieren auf Schema %1</translation>
    </message>
</context>
<context>
    <name>PdfReport</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Letzte Aktivität</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
    <message>
        <source>summing up the leads</source>
        <translation>Zusammenfassen der Leads</translation>
    </message>
    <message>
        <source>counting follow-ups</source>
        <translation>Zählen der Wiedervorlagen</translation>
    </message>
    <message>
        <source>All leads</source>
        <translation>Alle Leads</translation>
    </message>
    <message>
        <source>Search: “%1”</source>
        <translation>Suche: „%1“</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Nicht zugewiesen</translation>
    </message>
    <message>
        <source>Me</source>
        <translation>Ich</translation>
    </message>
    <message>
        <source>Assignee: %1</source>
        <translation>Zuständig: %1</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>Quelle: %1</translation>
    </message>
    <message>
        <source>Score %1–%2</source>
        <translation>Bewertung %1–%2</translation>
    </message>
    <message>
        <source>Score ≥ %1</source>
        <translation>Bewertung ≥ %1</translation>
    </message>
    <message>
        <source>Score ≤ %1</source>
        <translation>Bewertung ≤ %1</translation>
    </message>
    <message>
        <source>Created: %1</source>
        <translation>Erstellt: %1</translation>
    </message>
    <message>
        <source>Last activity: %1</source>
        <translation>Letzte Aktivität: %1</translation>
    </message>
    <message>
        <source>Active leads</source>
        <translation>Aktive Leads</translation>
    </message>
    <message>
        <source>Closed leads</source>
        <translation>Abgeschlossene Leads</translation>
    </message>
    <message>
        <source>Follow-up: %1</source>
        <translation>Wiedervorlage: %1</translation>
    </message>
    <message>
        <source>Choose a file to export to.</source>
        <translation>Wählen Sie eine Datei für den Export.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Pipeline report</source>
        <translation>Pipeline-Bericht</translation>
    </message>
    <message>
        <source>%1 · generated %2</source>
        <translation>%1 · erstellt %2</translation>
    </message>
    <message>
        <source>Leads: %1 (%2 active)</source>
        <translation>Leads: %1 (%2 aktiv)</translation>
    </message>
    <message>
        <source>Conversion rate: %1 of closed leads (converted ÷ converted + lost)</source>
        <translation>Konversionsrate: %1 der abgeschlossenen Leads (konvertiert ÷ konvertiert + verloren)</translation>
    </message>
    <message>
        <source>Conversion rate: no closed leads yet</source>
        <translation>Konversionsrate: noch keine abgeschlossenen Leads</translation>
    </message>
    <message>
        <source>Follow-ups: %1 scheduled, %2 overdue</source>
        <translation>Wiedervorlagen: %1 geplant, %2 überfällig</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>The first %1 of %2 leads, oldest first; export as CSV or XLSX for all of them.</source>
        <translation>Die ersten %1 von %2 Leads, älteste zuerst; exportieren Sie als CSV oder XLSX, um alle zu erhalten.</translation>
    </message>
    <message>
        <source>No leads match.</source>
        <translation>Keine passenden Leads.</translation>
    </message>
    <message>
        <source>Cannot start the PDF.</source>
        <translation>Das PDF kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>reading leads</source>
        <translation>Lesen der Leads</translation>
    </message>
    <message>
        <source>Campaign: %1</source>
        <translation>Kampagne: %1</translation>
    </message>
</context>
<context>
    <name>PipelineStats</name>
    <message>
        <source>0–2 d</source>
        <translation>0–2 T.</translation>
    </message>
    <message>
        <source>3–7 d</source>
        <translation>3–7 T.</translation>
    </message>
    <message>
        <source>8–30 d</source>
        <translation>8–30 T.</translation>
    </message>
    <message>
        <source>&gt; 30 d</source>
        <translation>&gt; 30 T.</translation>
    </message>
</context>
<context>
    <name>Qualification</name>
    <message>
        <source>A score must be between %1 and %2 (got %3).</source>
        <translation>Eine Bewertung muss zwischen %1 und %2 liegen (erhalten: %3).</translation>
    </message>
</context>
<context>
    <name>ScoringModel</name>
    <message>
        <source>has not written to us</source>
        <translation>hat uns nicht geschrieben</translation>
    </message>
    <message>
        <source>wrote to us once</source>
        <translation>hat uns einmal geschrieben</translation>
    </message>
    <message>
        <source>wrote to us 2-3 times</source>
        <translation>hat uns 2–3 Mal geschrieben</translation>
    </message>
    <message>
        <source>wrote to us 4 or more times</source>
        <translation>hat uns 4 Mal oder öfter geschrieben</translation>
    </message>
    <message>
        <source>we have not written yet</source>
        <translation>wir haben noch nicht geschrieben</translation>
    </message>
    <message>
        <source>we wrote 1-2 times</source>
        <translation>wir haben 1–2 Mal geschrieben</translation>
    </message>
    <message>
        <source>we wrote 3 or more times</source>
        <translation>wir haben 3 Mal oder öfter geschrieben</translation>
    </message>
    <message>
        <source>no message to answer yet</source>
        <translation>noch keine Nachricht zu beantworten</translation>
    </message>
    <message>
        <source>replied within 5 minutes</source>
        <translation>innerhalb von 5 Minuten geantwortet</translation>
    </message>
    <message>
        <source>replied within an hour</source>
        <translation>innerhalb einer Stunde geantwortet</translation>
    </message>
    <message>
        <source>replied within a day</source>
        <translation>innerhalb eines Tages geantwortet</translation>
    </message>
    <message>
        <source>took over a day to reply</source>
        <translation>hat über einen Tag für die Antwort gebraucht</translation>
    </message>
    <message>
        <source>the contact&apos;s message is still unanswered</source>
        <translation>die Nachricht des Kontakts ist noch unbeantwortet</translation>
    </message>
    <message>
        <source>no conversation yet</source>
        <translation>noch keine Unterhaltung</translation>
    </message>
    <message>
        <source>a short exchange</source>
        <translation>ein kurzer Austausch</translation>
    </message>
    <message>
        <source>a conversation of 3-5 turns</source>
        <translation>eine Unterhaltung mit 3–5 Wechseln</translation>
    </message>
    <message>
        <source>a long conversation (6+ turns)</source>
        <translation>eine lange Unterhaltung (6+ Wechsel)</translation>
    </message>
    <message>
        <source>in touch on one day at most</source>
        <translation>höchstens an einem Tag in Kontakt</translation>
    </message>
    <message>
        <source>in touch on 2-3 different days</source>
        <translation>an 2–3 verschiedenen Tagen in Kontakt</translation>
    </message>
    <message>
        <source>in touch on 4 or more different days</source>
        <translation>an 4 oder mehr verschiedenen Tagen in Kontakt</translation>
    </message>
    <message>
        <source>never wrote</source>
        <translation>hat nie geschrieben</translation>
    </message>
    <message>
        <source>wrote in the last day</source>
        <translation>hat am letzten Tag geschrieben</translation>
    </message>
    <message>
        <source>wrote in the last week</source>
        <translation>hat in der letzten Woche geschrieben</translation>
    </message>
    <message>
        <source>last wrote 1-4 weeks ago</source>
        <translation>hat zuletzt vor 1–4 Wochen geschrieben</translation>
    </message>
    <message>
        <source>silent for over 30 days</source>
        <translation>seit über 30 Tagen still</translation>
    </message>
    <message>
        <source>lead is less than a day old</source>
        <translation>Lead ist weniger als einen Tag alt</translation>
    </message>
    <message>
        <source>lead is 1-7 days old</source>
        <translation>Lead ist 1–7 Tage alt</translation>
    </message>
    <message>
        <source>lead is 1-4 weeks old</source>
        <translation>Lead ist 1–4 Wochen alt</translation>
    </message>
    <message>
        <source>lead is over 30 days old</source>
        <translation>Lead ist über 30 Tage alt</translation>
    </message>
    <message>
        <source>nobody has worked the lead yet</source>
        <translation>niemand hat den Lead bisher bearbeitet</translation>
    </message>
    <message>
        <source>worked 1-2 times</source>
        <translation>1–2 Mal bearbeitet</translation>
    </message>
    <message>
        <source>worked 3 or more times</source>
        <translation>3 Mal oder öfter bearbeitet</translation>
    </message>
    <message>
        <source>did not reply to a broadcast</source>
        <translation>hat nicht auf eine Rundsendung geantwortet</translation>
    </message>
    <message>
        <source>replied to a broadcast</source>
        <translation>hat auf eine Rundsendung geantwortet</translation>
    </message>
    <message>
        <source>came from a broadcast</source>
        <translation>kam aus einer Rundsendung</translation>
    </message>
    <message>
        <source>came from a chat</source>
        <translation>kam aus einem Chat</translation>
    </message>
    <message>
        <source>came from an integration</source>
        <translation>kam aus einer Integration</translation>
    </message>
    <message>
        <source>entered by hand</source>
        <translation>von Hand eingegeben</translation>
    </message>
    <message>
        <source>imported from a list</source>
        <translation>aus einer Liste importiert</translation>
    </message>
    <message>
        <source>came from another source</source>
        <translation>kam aus einer anderen Quelle</translation>
    </message>
    <message>
        <source>has not asked about price</source>
        <translation>hat nicht nach dem Preis gefragt</translation>
    </message>
    <message>
        <source>asked about price</source>
        <translation>hat nach dem Preis gefragt</translation>
    </message>
    <message>
        <source>has not said they want to buy</source>
        <translation>hat nicht gesagt, dass er kaufen möchte</translation>
    </message>
    <message>
        <source>said they want to buy</source>
        <translation>hat gesagt, dass er kaufen möchte</translation>
    </message>
    <message>
        <source>has not asked for a demo</source>
        <translation>hat nicht nach einer Demo gefragt</translation>
    </message>
    <message>
        <source>asked for a demo or trial</source>
        <translation>hat nach einer Demo oder einem Test gefragt</translation>
    </message>
    <message>
        <source>has not talked about an order</source>
        <translation>hat nicht über eine Bestellung gesprochen</translation>
    </message>
    <message>
        <source>talked about an order or delivery</source>
        <translation>hat über eine Bestellung oder Lieferung gesprochen</translation>
    </message>
    <message>
        <source>has not said they are interested</source>
        <translation>hat nicht gesagt, dass er interessiert ist</translation>
    </message>
    <message>
        <source>said they are interested</source>
        <translation>hat gesagt, dass er interessiert ist</translation>
    </message>
    <message>
        <source>has not turned us down</source>
        <translation>hat uns nicht abgesagt</translation>
    </message>
    <message>
        <source>said they are not interested</source>
        <translation>hat gesagt, dass er nicht interessiert ist</translation>
    </message>
    <message>
        <source>we have never written</source>
        <translation>wir haben nie geschrieben</translation>
    </message>
    <message>
        <source>we wrote in the last day</source>
        <translation>wir haben am letzten Tag geschrieben</translation>
    </message>
    <message>
        <source>we wrote in the last week</source>
        <translation>wir haben in der letzten Woche geschrieben</translation>
    </message>
    <message>
        <source>we last wrote 1-4 weeks ago</source>
        <translation>wir haben zuletzt vor 1–4 Wochen geschrieben</translation>
    </message>
    <message>
        <source>we have not written for over 30 days</source>
        <translation>wir haben seit über 30 Tagen nicht geschrieben</translation>
    </message>
</context>
<context>
    <name>Screenshots</name>
    <message>
        <source>Cannot create %1</source>
        <translation>%1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>No temporary directory</source>
        <translation>Kein temporäres Verzeichnis</translation>
    </message>
    <message>
        <source>The window needs %1×%2 px, more than %3×%4</source>
        <translation>Das Fenster braucht %1×%2 px, mehr als %3×%4</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>Source</name>
    <message>
        <source>Broadcast</source>
        <translation>Rundsendung</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Integration</source>
        <translation>Integration</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuell</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
</context>
<context>
    <name>Staleness</name>
    <message>
        <source>%1 d</source>
        <translation>%1 T.</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 Std.</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
</context>
<context>
    <name>Tag</name>
    <message>
        <source>A tag cannot be empty.</source>
        <translation>Ein Schlagwort darf nicht leer sein.</translation>
    </message>
    <message>
        <source>A tag has at most %1 characters.</source>
        <translation>Ein Schlagwort hat höchstens %1 Zeichen.</translation>
    </message>
    <message>
        <source>A tag cannot contain a comma.</source>
        <translation>Ein Schlagwort darf kein Komma enthalten.</translation>
    </message>
</context>
<context>
    <name>Themes</name>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Hoher Kontrast</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
</context>
<context>
    <name>Transaction</name>
    <message>
        <source>Could not start a write: %1</source>
        <translation>Schreibvorgang konnte nicht begonnen werden: %1</translation>
    </message>
    <message>
        <source>saving changes</source>
        <translation>Speichern der Änderungen</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Leads — offline-first CRM for leads</source>
        <translation>Leads — Offline-first-CRM für Leads</translation>
    </message>
    <message>
        <source>Database file (default: %1).</source>
        <translation>Datenbankdatei (Standard: %1).</translation>
    </message>
    <message>
        <source>Do not fill an empty database with sample leads.</source>
        <translation>Eine leere Datenbank nicht mit Beispiel-Leads füllen.</translation>
    </message>
    <message>
        <source>Render the documentation screenshots into &lt;dir&gt; and exit.</source>
        <translation>Die Dokumentations-Screenshots in &lt;dir&gt; erzeugen und beenden.</translation>
    </message>
</context>
</TS>
