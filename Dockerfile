# Mentorat: runs `mentorat run` as a non-root user; the database lives in the /data volume.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    MENTORAT_DATA_DIR=/data \
    MENTORAT_PROMPTS_DIR=/app/prompts \
    MENTORAT_ROSTER=/config/roster.yaml

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY prompts ./prompts
COPY config ./config
RUN pip install --no-cache-dir . \
    && useradd --system --uid 10001 --home-dir /data mentorat \
    && mkdir -p /data /config \
    && cp config/roster.example.yaml /config/roster.yaml \
    && chown -R mentorat /data

USER mentorat
VOLUME ["/data"]
ENTRYPOINT ["mentorat"]
CMD ["run"]
