# The OpenAI-compatible stand-in, for staging environments without a real LLM endpoint.
FROM python:3.11-slim
ENV UV_PYTHON_DOWNLOADS=never
RUN pip install --no-cache-dir uv
WORKDIR /app
COPY pyproject.toml uv.lock ./
COPY libs libs
COPY services services
COPY tools tools
RUN uv sync --frozen --no-dev --no-editable --package llm-standin
ENV PATH=/app/.venv/bin:$PATH
USER 10001
CMD ["llm-standin", "--host", "0.0.0.0", "--port", "8010"]
