// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <functional>

// The entry points the fuzz targets drive, shared with tests/test_fuzz_regressions.cpp so
// that every input that once crashed is replayed by the normal test suite through exactly
// the same code. Each one takes arbitrary bytes, must never crash, leak or trip a
// sanitizer, and calls abort() (through Q_ASSERT_X-like checks that stay on in release)
// when a documented guarantee of the code under test is broken.
namespace LeadsFuzz {

// Quiet Qt logging and make sure a QCoreApplication exists (the Sql plugins need one).
void initialise();
// Runs `teardown` when the test runner's application object goes, so cached databases
// close while Qt's SQL registry still exists. The fuzz targets' application is never
// destroyed (libFuzzer ends with exit()), so neither are their databases.
void atTeardown(std::function<void()> teardown);

// core/io: CsvReader detection and records, LeadImporter preview and a real import into
// an in-memory database.
void csvImport(const QByteArray &data);
// core/storage: SearchIndex::matchExpression on the text, run as an FTS5 MATCH (it must
// always be valid FTS5 syntax), plus LeadQuery's filter SQL for the same search.
void searchQuery(const QByteArray &data);
// core/domain: ContactIdentity phone and e-mail normalisation; the first line is the
// default country, the rest the raw phone / e-mail.
void contactIdentity(const QByteArray &data);
// core/sync: a pull page as the server would send it, decoded and applied by SyncStore.
void syncPullPage(const QByteArray &data);
// server/: one request body (the first byte picks login, refresh, push, the three ingest
// kinds or user creation) through JsonInput and the service that reads it.
void serverRequest(const QByteArray &data);

} // namespace LeadsFuzz
