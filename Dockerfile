# babelsearch image: the package, the seed corpus and (when the build has
# network access) the German->English and Dutch->English Argos models.
# docker-compose.yml runs it against Elasticsearch; alone it serves the
# embedded engine.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    BABELSEARCH_DATA=/data \
    BABELSEARCH_CORPUS=/corpus \
    BABELSEARCH_TRANSLATIONS=/data/translations \
    BABELSEARCH_MODELS=/opt/babelsearch/models

# Bilingual dictionaries: English search over German and Dutch without a model.
RUN apt-get update \
    && apt-get install -y --no-install-recommends trans-de-en dict-freedict-eng-deu dict-freedict-deu-eng \
         dict-freedict-eng-nld dict-freedict-nld-eng dict-freedict-nld-deu \
         dict-freedict-deu-nld dict-freedict-nld-fra dict-freedict-fra-nld dict-freedict-fra-eng dict-freedict-eng-fra \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY indexer ./indexer
COPY server ./server
RUN pip install . && useradd --system --create-home --home-dir /home/babelsearch babelsearch

# Models live outside /data so that the data volume does not hide them.
# Offline builds still succeed: searches then use the original texts only,
# and the models can be installed later with the same command.
ARG INSTALL_MODELS=1
RUN mkdir -p "$BABELSEARCH_MODELS" /data /corpus \
    && if [ "$INSTALL_MODELS" = "1" ]; then \
         babelsearch models install --from-index de nl \
           || echo "babelsearch: no network at build time, Argos models not installed"; \
       fi \
    && chown -R babelsearch "$BABELSEARCH_MODELS" /data

# The default corpus; mount your own at /corpus instead.
COPY seeds /corpus

USER babelsearch
EXPOSE 8000
VOLUME ["/data"]
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=5 \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/api/health', timeout=4).status != 200)"

# Compile the dictionaries once (into the data volume), reindex the corpus
# (reports and skips bad files), then serve.
CMD ["sh", "-c", "[ -f /data/lexicons/lexicon.sqlite ] || babelsearch lexicons build; babelsearch reindex && exec babelsearch serve --host 0.0.0.0 --port 8000"]
