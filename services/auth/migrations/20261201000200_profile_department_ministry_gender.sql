-- migrate:up
-- The title page names the department (кафедра) and the ministry, and says "Выполнил" or "Выполнила".
ALTER TABLE auth.profiles ADD COLUMN department text;
ALTER TABLE auth.profiles ADD COLUMN ministry text;
ALTER TABLE auth.profiles ADD COLUMN gender text CHECK (gender IN ('male', 'female'));

-- migrate:down
ALTER TABLE auth.profiles DROP COLUMN gender;
ALTER TABLE auth.profiles DROP COLUMN ministry;
ALTER TABLE auth.profiles DROP COLUMN department;
