# pattern: Small service: exec-form RUN go build in an emulated stage
# expect: 6 emulated-compile
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN ["go", "build", "-o", "/svc", "."]
FROM scratch
COPY --from=build /svc /svc
