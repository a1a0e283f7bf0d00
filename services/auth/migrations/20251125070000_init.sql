-- migrate:up
-- dbmate itself creates the schema when the migrations table is auth.schema_migrations;
-- IF NOT EXISTS keeps this file valid when it is applied with another migrations table.
CREATE SCHEMA IF NOT EXISTS auth;

CREATE TABLE auth.users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      text        NOT NULL CHECK (char_length(username) BETWEEN 3 AND 30),
    email         text        NOT NULL CHECK (email = lower(email)),
    password_hash text        NOT NULL,
    balance       integer     NOT NULL DEFAULT 0,
    is_active     boolean     NOT NULL DEFAULT true,
    is_verified   boolean     NOT NULL DEFAULT false,
    is_superuser  boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
-- The adapter maps violations of these two index names to 409 answers.
CREATE UNIQUE INDEX users_email_key ON auth.users (email);
CREATE UNIQUE INDEX users_username_key ON auth.users (lower(username));

CREATE TABLE auth.profiles (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint      NOT NULL UNIQUE REFERENCES auth.users (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    surname      text        NOT NULL,
    patronymic   text,
    university   text,
    faculty      text,
    course       smallint,
    "group"      text,
    city         text,
    phone_number text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- One family per login; every rotation adds a token to it. Revoking the family kills all its tokens.
CREATE TABLE auth.refresh_families (
    id            uuid PRIMARY KEY,
    user_id       bigint      NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
    created_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    revoke_reason text
);
CREATE INDEX refresh_families_user_idx ON auth.refresh_families (user_id);

-- Only the SHA-256 of a refresh token is stored.
CREATE TABLE auth.refresh_tokens (
    id         uuid PRIMARY KEY,
    family_id  uuid        NOT NULL REFERENCES auth.refresh_families (id) ON DELETE CASCADE,
    token_hash bytea       NOT NULL UNIQUE,
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX refresh_tokens_family_idx ON auth.refresh_tokens (family_id);

-- Failed logins per (normalised) email, shared by every replica for throttling.
CREATE TABLE auth.login_failures (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email     text        NOT NULL,
    failed_at timestamptz NOT NULL
);
CREATE INDEX login_failures_email_idx ON auth.login_failures (email, failed_at);
CREATE INDEX login_failures_time_idx ON auth.login_failures (failed_at);

-- migrate:down
-- Tables only: the schema also holds dbmate's own auth.schema_migrations.
DROP TABLE auth.login_failures;
DROP TABLE auth.refresh_tokens;
DROP TABLE auth.refresh_families;
DROP TABLE auth.profiles;
DROP TABLE auth.users;
