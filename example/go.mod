module example.com/crossbuild-example

go 1.19
