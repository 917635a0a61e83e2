# pattern: Flask app: pip install -r requirements.txt, no compiler (wheels)
# expect: none
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["gunicorn", "app:app"]
