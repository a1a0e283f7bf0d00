-- migrate:up
-- Every change a client following an essay live is told (GET /essays/{id}/events), in order: a status change,
-- a unit written, the manifest's size. Appended in the transaction that saves the change; the id is the
-- Server-Sent Events id, so a reconnect with Last-Event-ID resumes exactly, on any gateway replica.
create table gateway.essay_events (
    id         bigserial   primary key,
    essay_id   bigint      not null references gateway.essays (id) on delete cascade,
    kind       text        not null,
    data       jsonb       not null,
    created_at timestamptz not null default now()
);
create index essay_events_by_essay on gateway.essay_events (essay_id, id);

-- migrate:down
drop table gateway.essay_events;
