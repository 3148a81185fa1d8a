// Schema migrations: numbered SQL scripts applied in order at start-up, each in its own
// transaction, tracked by PRAGMA user_version. Never edit a shipped migration; append one.
#pragma once

#include "db/sqlite.hpp"

namespace wstudio::server::db {

// Brings the database to the newest schema. Refuses a database from a newer server version.
void migrate(Connection& connection);

int schemaVersion();

}  // namespace wstudio::server::db
