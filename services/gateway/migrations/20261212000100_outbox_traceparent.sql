-- migrate:up
-- The W3C traceparent of the request that wrote the row: the relay publishes under it, so the consumers'
-- spans join the request's trace although another task publishes, later. Null when tracing was off.
alter table gateway.outbox add column traceparent text;

-- migrate:down
alter table gateway.outbox drop column traceparent;
