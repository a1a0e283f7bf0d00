-- migrate:up
-- A user's own literature (BibTeX, RIS, CSL-JSON uploads), cited first when the essay is written.
create table gateway.user_sources (
    essay_id  bigint  not null references gateway.essays (id) on delete cascade,
    position  integer not null,
    key       text    not null,
    record    jsonb   not null,
    primary key (essay_id, position),
    unique (essay_id, key)
);

-- Which edit of the literature the current version was written from (a newer edit makes the next generate
-- write a new version), and whether that version's list of sources is made of real records.
alter table gateway.essays
    add column literature_version         integer not null default 0,
    add column written_literature_version integer not null default 0,
    add column sources_verified           boolean,
    add column sources_problem            text;

-- The entries a list-of-sources unit holds, with their origin.
alter table gateway.sections add column sources jsonb;

-- migrate:down
alter table gateway.sections drop column sources;
alter table gateway.essays
    drop column literature_version, drop column written_literature_version, drop column sources_verified,
    drop column sources_problem;
drop table gateway.user_sources;
