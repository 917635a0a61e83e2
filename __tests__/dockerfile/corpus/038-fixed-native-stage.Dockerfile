# pattern: Helper: a stage pinned to linux/amd64 (the builder) compiling natively
# expect: none
FROM --platform=linux/amd64 golang:1.22 AS gen
WORKDIR /src
COPY . .
RUN GOOS=linux GOARCH=amd64 go run ./gen > /schema.json
FROM scratch
COPY --from=gen /schema.json /schema.json
