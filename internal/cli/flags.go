package cli

import (
	"io/fs"
	"log/slog"

	"github.com/bulletin-ssg/bulletin"
	"github.com/bulletin-ssg/bulletin/internal/build"
	"github.com/spf13/pflag"
)

// SiteFlags are the flags of every command that reads a site.
type SiteFlags struct {
	Source  string
	Drafts  bool
	Future  bool
	Expired bool
	Verbose bool
}

func (s *SiteFlags) register(f *pflag.FlagSet) {
	f.StringVarP(&s.Source, "source", "s", ".", "site folder holding content/, layouts/ and assets/")
	f.BoolVarP(&s.Drafts, "drafts", "D", false, "include pages marked draft: true")
	f.BoolVarP(&s.Future, "future", "F", false, "include pages whose publishDate (or date) is in the future")
	f.BoolVarP(&s.Expired, "expired", "E", false, "include pages whose expiryDate has passed")
	f.BoolVarP(&s.Verbose, "verbose", "v", false, "log the time of every build stage")
}

// buildOptions are the build's options for these flags.
func (s *SiteFlags) buildOptions(source fs.FS, baseURL string, log *slog.Logger) build.Options {
	return build.Options{
		Source: source, Builtin: bulletin.Theme, BaseURL: baseURL,
		Drafts: s.Drafts, Future: s.Future, Expired: s.Expired, Logger: log,
	}
}

const pollUsage = "poll the file system instead of using file events (network drives, containers)"
