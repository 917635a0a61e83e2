# pattern: Alpine Python: musl-dev and gcc installed, pip install in the same stage
# expect: 6 emulated-compile
FROM python:3.12-alpine
RUN apk add --no-cache gcc musl-dev libffi-dev
COPY requirements.txt .
RUN python3 -m pip install -r requirements.txt
