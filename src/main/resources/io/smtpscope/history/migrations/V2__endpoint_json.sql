-- Schema 2: keep the whole endpoint result as JSON, so that 'smtpscope diff' can compare two runs from
-- history as closely as two report files; and an index for 'smtpscope history TARGET'.
-- Rows written under schema 1 keep endpoint_json NULL: diff then works from the columns above.
ALTER TABLE endpoints ADD COLUMN endpoint_json TEXT;
CREATE INDEX endpoints_by_host ON endpoints (host, port, run_id);
