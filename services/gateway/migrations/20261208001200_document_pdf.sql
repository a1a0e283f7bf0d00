-- migrate:up
-- The PDF of the current version's document: where the printer stored it (null: none, the DOCX alone is
-- delivered) and how far it is: pending (the DOCX is out, its PDF being made), ready, failed; null: no PDF was
-- promised (an older essay, or a printer without LibreOffice).
alter table gateway.essays add column pdf_object_key text;
alter table gateway.essays add column pdf_state text check (pdf_state in ('pending', 'ready', 'failed'));

-- migrate:down
alter table gateway.essays drop column pdf_state;
alter table gateway.essays drop column pdf_object_key;
