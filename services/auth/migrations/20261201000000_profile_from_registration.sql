-- migrate:up
-- Every user has a profile from registration on (the monolith's web client opens the profile form right
-- after sign-up and only ever PUTs it): an empty one, course 1 as the monolith created it.
ALTER TABLE auth.profiles ALTER COLUMN name SET DEFAULT '';
ALTER TABLE auth.profiles ALTER COLUMN surname SET DEFAULT '';
ALTER TABLE auth.profiles ALTER COLUMN course SET DEFAULT 1;
INSERT INTO auth.profiles (user_id)
SELECT u.id FROM auth.users u WHERE NOT EXISTS (SELECT 1 FROM auth.profiles p WHERE p.user_id = u.id);

-- migrate:down
ALTER TABLE auth.profiles ALTER COLUMN course DROP DEFAULT;
ALTER TABLE auth.profiles ALTER COLUMN surname DROP DEFAULT;
ALTER TABLE auth.profiles ALTER COLUMN name DROP DEFAULT;
