// SPDX-License-Identifier: GPL-3.0-or-later
// The same server scenarios again, on PostgreSQL: a throwaway cluster in a temporary
// directory (or LEADS_TEST_PG_URL), one fresh database per server process. Says why it is
// skipped when PostgreSQL or its Qt driver is missing.
#include "test_serverharness.h"
#include "testsupport.h"

#include <iostream>

using LeadsTest::PostgresBackend;

TEST_CASE("the server scenarios pass on PostgreSQL too", "[.][server][postgres]")
{
    const QString why = PostgresBackend::activate();
    if (!why.isEmpty()) {
        std::cout << "skipped: PostgreSQL server tests: " << why.toStdString() << std::endl;
        WARN("skipped: " << why.toStdString());
        PostgresBackend::shutdown();
        return;
    }
    const auto &scenarios = LeadsTest::portableScenarios();
    REQUIRE(scenarios.size() >= 20);
    for (const auto &scenario : scenarios) {
        INFO("PostgreSQL scenario: " << scenario.name);
        scenario.run();
    }
    PostgresBackend::shutdown();
}
