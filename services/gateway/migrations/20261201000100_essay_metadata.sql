-- migrate:up
-- What the title page shows (university, faculty, subject, course, author, checked_by, group, city, year),
-- taken from the profile when the plan is requested and again when the essay is generated; the monolith's
-- client reads it as the essay's `metadata`.
alter table gateway.essays add column metadata jsonb;

-- migrate:down
alter table gateway.essays drop column metadata;
