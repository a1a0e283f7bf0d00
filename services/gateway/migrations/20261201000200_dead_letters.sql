-- migrate:up
-- Messages a consumer gave up on (past the delivery limit), taken off their dead-letter queues: the essay they
-- concern is failed with the reason, and an operator can list, replay or purge them (refgen-ops dlq).
create table gateway.dead_letters (
    id           bigserial   primary key,
    queue        text        not null,
    routing_key  text        not null,
    message_id   text,
    essay_id     bigint,
    generation   integer,
    payload      text        not null,
    reason       text        not null,
    dead_at      timestamptz not null default now(),
    unique (queue, message_id)
);

-- migrate:down
drop table gateway.dead_letters;
