-- migrate:up
create schema if not exists printer;

-- One row per essay version: the manifest of sections to collect and where the document ended up.
create table printer.manifests (
    essay_id      bigint      not null,
    generation    integer     not null,
    manifest      jsonb       not null,
    section_count integer     not null check (section_count > 0),
    object_key    text,
    assembled_at  timestamptz,
    received_at   timestamptz not null default now(),
    primary key (essay_id, generation)
);

-- Written sections, stored once per (essay, version, index) however often they are delivered.
create table printer.sections (
    essay_id      bigint      not null,
    generation    integer     not null,
    section_index integer     not null,
    section       jsonb       not null,
    received_at   timestamptz not null default now(),
    primary key (essay_id, generation, section_index)
);

-- migrate:down
drop table printer.sections;
drop table printer.manifests;
drop schema printer;
