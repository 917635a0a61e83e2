# pattern: Python app: wheels downloaded for the target on the build platform
# expect: none
FROM --platform=$BUILDPLATFORM python:3.12 AS wheels
ARG TARGETARCH
COPY requirements.txt .
RUN pip download --only-binary=:all: --platform manylinux2014_$(uname -m) -d /wheels -r requirements.txt
FROM python:3.12-slim
COPY --from=wheels /wheels /wheels
RUN pip install --no-index --find-links /wheels /wheels/*
