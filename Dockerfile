# Mentorat: `mentorat run` as a non-root user, health and metrics on port 9464.
# Two stages: the first builds a virtualenv (wheels only, no compiler kept), the second only copies it.
FROM python:3.11-slim AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
RUN python -m venv /opt/mentorat && /opt/mentorat/bin/pip install ".[postgres]"

FROM python:3.11-slim

ENV PATH=/opt/mentorat/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    MENTORAT_DATA_DIR=/data \
    MENTORAT_PROMPTS_DIR=/app/prompts \
    MENTORAT_ROSTER=/config/roster.yaml

RUN useradd --system --uid 10001 --home-dir /data mentorat \
    && mkdir -p /data /config \
    && chown mentorat /data
COPY --from=build /opt/mentorat /opt/mentorat
COPY prompts /app/prompts
COPY config/roster.example.yaml /config/roster.yaml

USER mentorat
VOLUME ["/data"]
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:9464/healthz', timeout=4).status != 200)"]
ENTRYPOINT ["mentorat"]
CMD ["run", "--http", "0.0.0.0:9464"]
