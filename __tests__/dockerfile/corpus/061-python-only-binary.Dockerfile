# pattern: Service: pip install --only-binary=:all:
# expect: none
FROM python:3.12-slim
COPY requirements.txt .
RUN pip install --only-binary=:all: -r requirements.txt
