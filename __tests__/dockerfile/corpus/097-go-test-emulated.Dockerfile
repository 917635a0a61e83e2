# pattern: CI image: go test is not a build of the image binary
# expect: none
FROM golang:1.22
WORKDIR /src
COPY . .
RUN go vet ./...
