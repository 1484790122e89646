-- Schema 1: one row per scan run, one row per endpoint of a run.
-- Instants are ISO-8601 UTC text (sortable); finding_ids is a comma-separated list.
CREATE TABLE runs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at   TEXT    NOT NULL,
    finished_at  TEXT    NOT NULL,
    profile      TEXT    NOT NULL,
    tool_version TEXT,
    complete     INTEGER NOT NULL
);
CREATE TABLE endpoints (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id         INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    target         TEXT,
    host           TEXT    NOT NULL,
    address        TEXT,
    port           INTEGER NOT NULL,
    mode           TEXT    NOT NULL,
    reachability   TEXT    NOT NULL,
    tls_protocol   TEXT,
    cert_sha256    TEXT,
    cert_not_after TEXT,
    worst_severity TEXT,
    worst_finding  TEXT,
    finding_ids    TEXT    NOT NULL,
    banner         TEXT
);
