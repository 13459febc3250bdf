-- The estimates ledger: documents (text and metadata, so claims can be re-extracted), their
-- claims (one row per Claim field, plus the extractor version), and the
-- user's manual quantity assignments (`estimates move`).
PRAGMA foreign_keys = ON;

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    id           TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    text         TEXT NOT NULL,
    title        TEXT,
    publisher    TEXT,
    published    TEXT,
    url          TEXT,
    path         TEXT,
    added_at     TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS claims (
    claim_id             TEXT PRIMARY KEY,
    doc_id               TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start                INTEGER NOT NULL,
    "end"                INTEGER NOT NULL,
    text                 TEXT NOT NULL,
    sentence             TEXT NOT NULL,
    value                REAL NOT NULL,
    low                  REAL,
    high                 REAL,
    qualifier            TEXT NOT NULL,
    change               TEXT,
    unit                 TEXT,
    kind                 TEXT NOT NULL,
    source               TEXT,
    source_entity        TEXT,
    via                  TEXT,
    claimed_at           TEXT,
    claimed_at_precision TEXT,
    as_of                TEXT,
    hedge                TEXT,
    published            TEXT,
    publisher            TEXT,
    title                TEXT,
    url                  TEXT,
    subject              TEXT,
    extractor_version    TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS claims_by_doc ON claims(doc_id);

CREATE TABLE IF NOT EXISTS assignments (
    claim_id TEXT PRIMARY KEY,
    quantity TEXT NOT NULL,
    moved_at TEXT NOT NULL
);
