-- What reports keep between runs (estimates/reconcile/kept.py), apart from the ledger's own
-- records: a cache the ledger works without (an older ledger on a read-only disk has none).
PRAGMA foreign_keys = ON;

-- What grouping read from each document's claims (their features, as JSON), kept so that a
-- report reads again only the documents added or changed since the last one. A cache: an
-- entry is used only while its digest (the document's claims and text, the grouping code and
-- lexicon) is unchanged, and it goes with its document.
CREATE TABLE IF NOT EXISTS features (
    doc_id   TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    digest   TEXT NOT NULL,
    features TEXT NOT NULL
);

-- The names of the last report's stories (a name is worked out from its documents' words),
-- kept under a digest of those documents and of the naming code and lexicon.
CREATE TABLE IF NOT EXISTS story_names (
    digest TEXT PRIMARY KEY,
    name   TEXT NOT NULL
);
