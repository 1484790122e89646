-- Schema 3: each run's MTA-STS result per mail domain (JSON of the report's mta_sts object), so the next run can
-- tell a policy whose content changed while its id did not (senders keep the cached old one).
CREATE TABLE mta_sts_policies (
    run_id       INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    domain       TEXT    NOT NULL,
    mta_sts_json TEXT    NOT NULL
);
CREATE INDEX mta_sts_by_domain ON mta_sts_policies (domain, run_id);
