# Punchclock server image. Data lives in /data (SQLite) unless PUNCHCLOCK_DATABASE_URL says otherwise.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PUNCHCLOCK_HOST=0.0.0.0 \
    PUNCHCLOCK_PORT=8080 \
    PUNCHCLOCK_DATABASE_URL=sqlite:////data/punchclock.db

WORKDIR /app
COPY pyproject.toml README.md ./
COPY src ./src
RUN pip install --no-cache-dir . \
    && useradd --system --uid 10001 punchclock \
    && mkdir /data && chown punchclock /data

USER punchclock
VOLUME ["/data"]
EXPOSE 8080
# Migrations run on start; add --workers N for several processes (PostgreSQL recommended).
CMD ["punchclock", "serve"]
