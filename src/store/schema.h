// The store's schema, versioned: Migrate brings any database (empty or older) to the current
// version in one transaction, so a database is always at one whole version.
#ifndef FRONTLINE_STORE_SCHEMA_H_
#define FRONTLINE_STORE_SCHEMA_H_

#include "status/status.h"
#include "store/sql.h"

namespace frontline::store {

// The version this build writes.
int SchemaVersion();

// Applies the migrations the database lacks. Fails, changing nothing, when the database is of
// a newer version than this build knows or a migration fails.
Status Migrate(Connection& db);

}  // namespace frontline::store

#endif  // FRONTLINE_STORE_SCHEMA_H_
