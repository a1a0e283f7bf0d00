-- migrate:up
-- Essays of other producers than the gateway: their ids are their own, so the origin is part of every key.
alter table printer.manifests add column origin text not null default 'gateway';
alter table printer.sections add column origin text not null default 'gateway';
alter table printer.manifests drop constraint manifests_pkey, add primary key (origin, essay_id, generation);
alter table printer.sections
    drop constraint sections_pkey, add primary key (origin, essay_id, generation, section_index);

-- migrate:down
delete from printer.sections where origin <> 'gateway';
delete from printer.manifests where origin <> 'gateway';
alter table printer.sections drop constraint sections_pkey, add primary key (essay_id, generation, section_index);
alter table printer.manifests drop constraint manifests_pkey, add primary key (essay_id, generation);
alter table printer.sections drop column origin;
alter table printer.manifests drop column origin;
