// Command bulletin builds and previews company news sites. It only hands
// its arguments, its streams and an interrupt to internal/cli and exits
// with the status that returns: it never holds a command's logic.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/bulletin-ssg/bulletin/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Main(ctx, os.Args[1:], cli.IO{Out: os.Stdout, Err: os.Stderr})
	stop()
	os.Exit(code)
}
