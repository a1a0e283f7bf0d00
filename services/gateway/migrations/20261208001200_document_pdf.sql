-- migrate:up
-- Where the printer stored the PDF of the current version's document; null: none (an older essay, or the
-- printer could not convert it), the DOCX alone is delivered.
alter table gateway.essays add column pdf_object_key text;

-- migrate:down
alter table gateway.essays drop column pdf_object_key;
