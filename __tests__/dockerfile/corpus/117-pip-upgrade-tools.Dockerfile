# pattern: IPAM web app: a builder stage with build-essential first upgrades pip, setuptools and wheel in its venv (pure-Python wheels, nothing compiles), then installs the requirements (native sdists compile under QEMU) (#21 false alarm: only the second is a compile)
# platforms: linux/amd64,linux/arm64
# expect: 9 emulated-compile
FROM ubuntu:24.04 AS builder
RUN apt-get update && apt-get install -y --no-install-recommends build-essential python3-dev python3-venv libpq-dev \
    && python3 -m venv /opt/app/venv \
    && /opt/app/venv/bin/python3 -m pip install --upgrade pip setuptools wheel
COPY requirements.txt /
RUN /opt/app/venv/bin/pip install -r /requirements.txt
FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends python3 libpq5
COPY --from=builder /opt/app/venv /opt/app/venv
