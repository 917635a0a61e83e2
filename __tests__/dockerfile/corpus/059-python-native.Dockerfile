# pattern: Data service: gcc and python3-dev installed, pip builds native extensions under QEMU
# expect: 7 emulated-compile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends gcc python3-dev libpq-dev
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
