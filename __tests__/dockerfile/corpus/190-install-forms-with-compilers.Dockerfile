# pattern: Package installs that compile native dependencies, written in forms seen in Python and Node images: pip through a venv's interpreter named with a version variable (`/venv-build/bin/python${PYTHON_VERSION} -m pip install -r …`) below a stage that installed build-base; `hatch env create` between `apk add --virtual build-dependencies build-base …` and `apk del`; npm's `clean-install` (an alias of `ci`) where build-essential is installed; and a compiler named through the RUN's own variable (`build_deps="build-essential libpq-dev"` then `apt-get install $build_deps`); a pip install after the purge compiles nothing (#21, the fourteenth set)
# platforms: linux/amd64,linux/arm64
# expect: 9 emulated-compile, 12 emulated-compile, 18 emulated-compile, 21 emulated-compile
ARG PYTHON_VERSION=3.12
FROM alpine:3.20 AS build
ARG PYTHON_VERSION
RUN apk add --no-cache python3-dev build-base libffi-dev
RUN python${PYTHON_VERSION} -m venv /venv-build
RUN /venv-build/bin/python${PYTHON_VERSION} -m pip install --target=/venv/site-packages -r requirements.txt

FROM python:3.11-alpine AS hatchery
RUN apk --update add --virtual build-dependencies build-base python3-dev libffi-dev \
  && hatch env create docker \
  && apk del build-dependencies

FROM node:20-bookworm-slim AS web
RUN apt-get update && apt-get install -y --no-install-recommends build-essential python3
RUN npm clean-install --omit dev

FROM python:3.11-slim AS odoo
RUN build_deps=" \
      build-essential \
      libpq-dev \
    " \
    && apt-get update && apt-get install -y --no-install-recommends $build_deps \
    && pip install -r requirements.txt \
    && apt-get purge -y $build_deps
RUN pip install -r more-requirements.txt

FROM python:3.11-slim
COPY --from=build /venv /venv
COPY --from=hatchery /root /root
COPY --from=web /node_modules /node_modules
COPY --from=odoo /usr/local /usr/local
