# pattern: Python app: wheels downloaded on the build platform with `--platform manylinux2014_$(uname -m)`; ARG TARGETARCH is declared but unused, and `uname -m` on $BUILDPLATFORM is the build machine's arch, so every image gets x86_64 wheels (labelled none until #21's host-probe rule; the right form maps $TARGETARCH to the wheel tag)
# expect: 6 build-arch-binary
FROM --platform=$BUILDPLATFORM python:3.12 AS wheels
ARG TARGETARCH
COPY requirements.txt .
RUN pip download --only-binary=:all: --platform manylinux2014_$(uname -m) -d /wheels -r requirements.txt
FROM python:3.12-slim
COPY --from=wheels /wheels /wheels
RUN pip install --no-index --find-links /wheels /wheels/*
