-- migrate:up
-- Where the printer stored the PDF of the current version's document; null: none (an older essay, or the
-- printer could not convert it), the DOCX alone is delivered. pdf_pending: the DOCX is out and its PDF is
-- being made (DocumentConverted follows).
alter table gateway.essays add column pdf_object_key text;
alter table gateway.essays add column pdf_pending boolean not null default false;

-- migrate:down
alter table gateway.essays drop column pdf_pending;
alter table gateway.essays drop column pdf_object_key;
