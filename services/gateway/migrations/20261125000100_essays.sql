-- migrate:up
create schema if not exists gateway;

-- The user-facing essay record; ids are integers because the web client parses them as numbers.
create table gateway.essays (
    id              bigserial   primary key,
    user_id         bigint      not null,
    topic           text        not null,
    subject         text        not null,
    checked_by      text        not null default '',
    language        text        not null check (language in ('ru', 'en', 'ky')),
    page_count      integer     not null check (page_count between 1 and 200),
    chapters_count  integer     not null check (chapters_count between 1 and 30),
    status          text        not null check (status in ('PLANNING', 'PLAN_GENERATED', 'GENERATING', 'GENERATED', 'FAILED')),
    failure_reason  text,
    generation      integer     not null default 0,
    task_id         uuid,
    sections_total  integer     not null default 0,
    object_key      text,
    document_size   bigint,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create index essays_by_user on gateway.essays (user_id, id desc);

create table gateway.chapters (
    id        bigserial primary key,
    essay_id  bigint    not null references gateway.essays (id) on delete cascade,
    position  integer   not null,
    title     text      not null,
    synopsis  text      not null default '',
    unique (essay_id, position)
);

-- Progress of each section of each essay version; filled from SectionsAllocated and SectionWritten in any order.
create table gateway.sections (
    essay_id          bigint  not null references gateway.essays (id) on delete cascade,
    generation        integer not null,
    section_index     integer not null,
    kind              text    not null default '',
    title             text    not null default '',
    target_chars      integer not null default 0,
    written_chars     integer,
    prompt_tokens     integer not null default 0,
    completion_tokens integer not null default 0,
    writer_id         text,
    content           text    not null default '',
    primary key (essay_id, generation, section_index)
);

-- Transactional outbox: the message to publish is written with the state change, relayed afterwards.
create table gateway.outbox (
    id           bigserial   primary key,
    event_id     uuid        not null unique,
    routing_key  text        not null,
    payload      jsonb       not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);
create index outbox_pending on gateway.outbox (id) where published_at is null;

-- Events already applied, so a redelivered event changes nothing.
create table gateway.processed_events (
    event_id     uuid        primary key,
    processed_at timestamptz not null default now()
);

-- migrate:down
drop table gateway.processed_events;
drop table gateway.outbox;
drop table gateway.sections;
drop table gateway.chapters;
drop table gateway.essays;
