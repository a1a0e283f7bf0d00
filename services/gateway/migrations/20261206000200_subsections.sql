-- migrate:up
-- A chapter of two pages or more has two to four subsections, each written as a unit of its own.
create table gateway.subsections (
    id          bigserial primary key,
    chapter_id  bigint    not null references gateway.chapters (id) on delete cascade,
    position    integer   not null,
    title       text      not null,
    synopsis    text      not null default '',
    unique (chapter_id, position)
);

-- The manifest's units: which chapter and subsection (and part of it) each section is, and what it cost.
alter table gateway.sections
    add column chapter_number      integer,
    add column chapter_title       text    not null default '',
    add column subsection_number   integer,
    add column part                integer not null default 1,
    add column continuation_tokens integer not null default 0,
    add column model               text    not null default '',
    add column lead_in             text    not null default '';
-- the manifest of essays written before: a chapter section is its chapter, numbered by its place
update gateway.sections set chapter_number = section_index where kind = 'chapter';

-- migrate:down
alter table gateway.sections
    drop column chapter_number, drop column chapter_title, drop column subsection_number, drop column part,
    drop column continuation_tokens, drop column model, drop column lead_in;
drop table gateway.subsections;
