// Package cli is bulletin's command line: cobra commands that turn flags
// into options and call the packages below. It holds no site logic.
//
// Each command is an Options struct, a NewCmdX constructor and an xRun
// function; output goes to the injected streams. Exit status: 0 success,
// 1 the site has errors, 2 wrong usage.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/spf13/cobra"
)

// Exit statuses.
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
)

// IO is where commands read and write.
type IO struct {
	Out, Err io.Writer
}

// usageError marks an error of the command line itself (exit 2).
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// Main runs bulletin with args and returns the exit status.
func Main(ctx context.Context, args []string, streams IO) int {
	root := NewCmdRoot(streams)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	var usage *usageError
	if errors.As(err, &usage) || isCobraUsage(err) {
		fmt.Fprintf(streams.Err, "bulletin: %v\nRun 'bulletin --help' for usage.\n", err)
		return ExitUsage
	}
	if errors.Is(err, errFindings) || errors.Is(err, errNotImported) {
		return ExitError // the findings are printed already
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(streams.Err, "bulletin: interrupted")
		return ExitError
	}
	errs := diag.Flatten(err)
	for _, e := range errs {
		fmt.Fprintln(streams.Err, e)
	}
	if len(errs) > 1 {
		fmt.Fprintf(streams.Err, "bulletin: %d errors\n", len(errs))
	}
	return ExitError
}

// isCobraUsage recognises cobra's own errors for unknown commands and bad
// arguments, which it returns before any RunE runs.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, prefix := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "accepts ", "requires ", "invalid argument"} {
		if len(msg) >= len(prefix) && msg[:len(prefix)] == prefix {
			return true
		}
	}
	return false
}

// NewCmdRoot builds the command tree.
func NewCmdRoot(streams IO) *cobra.Command {
	root := &cobra.Command{
		Use:   "bulletin",
		Short: "bulletin builds a company news site from Markdown",
		Long: `bulletin turns a folder of Markdown articles (content/), templates
(layouts/) and static files (assets/) into a static company news site.

Site settings are the front matter of content/_index.md.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(streams.Out)
	root.SetErr(streams.Err)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	root.AddCommand(NewCmdBuild(streams, nil), NewCmdServe(streams, nil), NewCmdWatch(streams, nil), NewCmdCheck(streams, nil), NewCmdNew(streams), NewCmdImport(streams, nil), NewCmdPush(streams, nil), NewCmdDeploy(streams, nil), NewCmdVersion(streams))
	return root
}
