package main

import (
	"runtime"
	"strings"
	"testing"
)

func TestDescribeNamesVersionAndPlatform(t *testing.T) {
	version, commit, date = "1.2.3", "abc1234", "2025-04-30T12:00:00Z"
	got := describe()
	want := "crossbuild-example version=1.2.3 commit=abc1234 built=2025-04-30T12:00:00Z os=" +
		runtime.GOOS + " arch=" + runtime.GOARCH
	if got != want {
		t.Fatalf("describe() = %q, want %q", got, want)
	}
	if strings.Contains(got, "\n") {
		t.Fatalf("describe() must be one line: %q", got)
	}
}
