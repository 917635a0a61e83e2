# pattern: Admin web app: the env stage installs a compiler as a virtual package, builds the requirements and deletes it (`apk add --virtual build-deps gcc … && pip install -r … && apk del build-deps`); a docs stage built FROM it installs Sphinx: no compiler left, so no native build there (#21 false alarm)
# platforms: linux/amd64,linux/arm64
# expect: 6 emulated-compile
FROM python:3.12-alpine AS env-builder
COPY requirements.txt /
RUN apk add --no-cache --virtual build-deps build-base libffi-dev rust cargo && \
    python3 -m venv /venv && /venv/bin/pip install --no-cache-dir -r /requirements.txt && \
    apk del --no-cache build-deps
FROM env-builder AS docs-builder
RUN /venv/bin/python3 -m pip install --no-cache-dir sphinx
RUN /venv/bin/python3 -m pip install --no-cache-dir sphinxcontrib-youtube
COPY docs /docs
RUN /venv/bin/sphinx-build /docs /docs/_build/html
FROM python:3.12-alpine
COPY --from=env-builder /venv /venv
COPY --from=docs-builder /docs/_build/html /app/docs
