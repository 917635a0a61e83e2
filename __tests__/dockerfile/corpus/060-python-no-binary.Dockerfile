# pattern: Service forcing a source build: pip install --no-binary
# expect: 4 emulated-compile
FROM python:3.12
RUN pip install --no-binary :all: psycopg2
