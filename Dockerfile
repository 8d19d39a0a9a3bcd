# syntax=docker/dockerfile:1
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    MICROTACHE_DATA_DIR=/var/lib/microtache

RUN groupadd --system --gid 10001 microtache \
 && useradd --system --uid 10001 --gid microtache --create-home --home-dir /home/microtache \
        --shell /usr/sbin/nologin microtache \
 && install -d -o microtache -g microtache -m 0750 "$MICROTACHE_DATA_DIR"

WORKDIR /app

# Dependencies get their own layer, keyed on pyproject.toml only, so editing the code does not
# reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; \
print('\n'.join(p.get('dependencies', [])))" > /tmp/requirements.txt \
 && if [ -s /tmp/requirements.txt ]; then pip install --no-cache-dir -r /tmp/requirements.txt; fi \
 && rm /tmp/requirements.txt

# The sources stay in /app beside alembic.ini, which is looked up from the working directory.
COPY README.md alembic.ini ./
COPY marketplace_core ./marketplace_core
COPY facets ./facets
COPY indexer ./indexer
COPY microtache ./microtache
COPY search_api ./search_api
RUN pip install --no-cache-dir . \
 && rm -rf build ./*.egg-info

USER microtache
VOLUME ["/var/lib/microtache"]
EXPOSE 8000

CMD ["microtache", "up", "--host", "0.0.0.0", "--port", "8000"]
