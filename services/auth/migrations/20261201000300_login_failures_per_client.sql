-- migrate:up
-- Throttling per account and per client address: who failed, not only on which account.
ALTER TABLE auth.login_failures ADD COLUMN client text NOT NULL DEFAULT '';
CREATE INDEX login_failures_client_idx ON auth.login_failures (client, failed_at);
CREATE INDEX login_failures_email_client_idx ON auth.login_failures (email, client, failed_at);

-- migrate:down
DROP INDEX auth.login_failures_email_client_idx;
DROP INDEX auth.login_failures_client_idx;
ALTER TABLE auth.login_failures DROP COLUMN client;
