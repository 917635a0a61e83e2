# pattern: Toolbox image: go version and go env only
# expect: none
FROM golang:1.22
RUN go version && go env GOARCH
