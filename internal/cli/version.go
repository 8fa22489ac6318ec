package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// stamped is the version a release build writes in (.goreleaser.yaml:
// -ldflags "-X …/internal/cli.stamped=v1.2.3").
var stamped string

// Version describes this binary: the version a release stamped in, else
// from its build information the module version when installed with go
// install, else the VCS revision.
func Version() string {
	if stamped != "" {
		return stamped
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := info.Main.Version
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+dirty"
			}
		}
	}
	if (v == "" || v == "(devel)") && rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v = "devel-" + rev + modified
	}
	if v == "" {
		v = "(devel)"
	}
	return v
}

// NewCmdVersion makes `bulletin version`.
func NewCmdVersion(streams IO) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of bulletin",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintf(streams.Out, "bulletin %s %s/%s %s\n", Version(), runtime.GOOS, runtime.GOARCH, runtime.Version())
			return nil
		},
	}
}
