// Command crossbuild-example prints how it was built: the version facts the Dockerfile passes through
// -ldflags -X, and the OS and architecture the binary was compiled for (runtime.GOOS/GOARCH are fixed at
// compile time, so a wrong-arch binary reports the build machine's arch, not the platform it claims).
package main

import (
	"fmt"
	"os"
	"runtime"
)

// Set at link time: go build -ldflags "-X main.version=1.2.3 -X main.commit=abc1234 -X main.date=...".
var (
	version = "dev"
	commit  = "unknown"
	date    = "unknown"
)

func describe() string {
	return fmt.Sprintf("crossbuild-example version=%s commit=%s built=%s os=%s arch=%s",
		version, commit, date, runtime.GOOS, runtime.GOARCH)
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "--version" {
		fmt.Println(version)
		return
	}
	fmt.Println(describe())
}
