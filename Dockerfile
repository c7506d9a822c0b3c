# The sync server as deployed (render.yaml): nginx in front of gunicorn, one container.
FROM python:3.11-slim-bookworm
RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r server/requirements.txt \
    && pip install --no-cache-dir --no-deps .
ENV PORT=10000
EXPOSE 10000
CMD ["puantaj-server", "serve"]
