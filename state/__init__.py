"""Persistence on one SQLite file (sqlite-utils, WAL): see docs/storage.md.

- `store`: `SqliteStore`, the `SessionStore` contract (sessions, turns, events, people)
- `migrations`: the schema as numbered migrations
- `search`: full-text search over turns, safe for any input
- `export`: research exports (pseudonymised by default)
- `privacy`: forgetting a person, retention purges
- `overrides`: coordinators' score corrections and their audit trail
- `errors`: storage errors a person can act on
"""
