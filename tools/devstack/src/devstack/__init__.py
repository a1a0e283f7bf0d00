"""Local stack: every RefGen service as a local process against local PostgreSQL, RabbitMQ and S3."""
