package cli

import (
	"fmt"
	"io/fs"
	"log/slog"
	"path/filepath"

	"github.com/bulletin-ssg/bulletin"
	"github.com/bulletin-ssg/bulletin/internal/build"
	"github.com/bulletin-ssg/bulletin/internal/rcache"
	"github.com/spf13/pflag"
)

// SiteFlags are the flags of every command that reads a site.
type SiteFlags struct {
	Source  string
	Drafts  bool
	Future  bool
	Expired bool
	Verbose bool
	NoCache bool
	// HTMLTemplateOnly runs every template with html/template alone.
	HTMLTemplateOnly bool
}

func (s *SiteFlags) register(f *pflag.FlagSet) {
	f.StringVarP(&s.Source, "source", "s", ".", "site folder holding content/, layouts/ and assets/")
	f.BoolVarP(&s.Drafts, "drafts", "D", false, "include pages marked draft: true")
	f.BoolVarP(&s.Future, "future", "F", false, "include pages whose publishDate (or date) is in the future")
	f.BoolVarP(&s.Expired, "expired", "E", false, "include pages whose expiryDate has passed")
	f.BoolVarP(&s.Verbose, "verbose", "v", false, "log the time of every build stage, and which template executions fell back to html/template and why")
	f.BoolVar(&s.NoCache, "no-cache", false, "neither read nor write the render cache in "+rcache.Dir)
	f.BoolVar(&s.HTMLTemplateOnly, "html-template-only", false, "run every template with Go's html/template alone, not bulletin's faster executor of them (for a theme that renders differently with it, or to report a bug)")
}

// buildOptions are the build's options for these flags.
func (s *SiteFlags) buildOptions(source fs.FS, baseURL string, log *slog.Logger) build.Options {
	opts := build.Options{
		Source: source, Builtin: bulletin.Theme, BaseURL: baseURL,
		Drafts: s.Drafts, Future: s.Future, Expired: s.Expired, Logger: log,
		HTMLTemplateOnly: s.HTMLTemplateOnly,
	}
	if !s.NoCache {
		store, err := rcache.Open(filepath.Join(s.Source, rcache.Dir))
		if err != nil {
			log.Warn("building without the render cache", "error", err)
		} else {
			opts.RenderCache = store
		}
	}
	return opts
}

const pollUsage = "poll the file system instead of using file events (network drives, containers)"

// commitCache keeps what a successful build rendered for the next one.
func commitCache(opts build.Options, streams IO) {
	if opts.RenderCache == nil {
		return
	}
	if err := opts.RenderCache.Commit(); err != nil {
		fmt.Fprintf(streams.Err, "bulletin: warning: render cache not saved: %v\n", err)
	}
}
