-- migrate:up
-- The shared LLM budget (servicekit.budget): one row per LLM endpoint and API key, taken from by the planner
-- and every writer replica. Owned by servicekit, applied with the services' migrations.
create schema if not exists llm_budget;

create table llm_budget.buckets (
    key        text             primary key,  -- sha256 of the base URL and the API key, never the key itself
    requests   double precision not null,     -- requests left; below zero: a debt the takers wait out
    tokens     double precision not null,     -- tokens left, the same way
    updated_at timestamptz      not null
);

-- migrate:down
drop table llm_budget.buckets;
drop schema llm_budget;
