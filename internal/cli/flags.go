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
	Minify           bool
}

func (s *SiteFlags) register(f *pflag.FlagSet) {
	f.StringVarP(&s.Source, "source", "s", ".", "site folder holding content/, layouts/ and assets/")
	f.BoolVarP(&s.Drafts, "drafts", "D", false, "include pages marked draft: true")
	f.BoolVarP(&s.Future, "future", "F", false, "include pages whose publishDate (or date) is in the future")
	f.BoolVarP(&s.Expired, "expired", "E", false, "include pages whose expiryDate has passed")
	f.BoolVarP(&s.Verbose, "verbose", "v", false, "log the time of every build stage, and which template executions fell back to html/template and why")
	f.BoolVar(&s.NoCache, "no-cache", false, "neither read nor write the render cache in "+rcache.Dir)
	f.BoolVar(&s.Minify, "minify", false, "minify the HTML pages, feeds, sitemap and JSON too, as minify: true in content/_index.md does (stylesheets, scripts and SVG always are)")
	f.BoolVar(&s.HTMLTemplateOnly, "html-template-only", false, "run every template with Go's html/template alone, not bulletin's faster executor of them (for a theme that renders differently with it, or to report a bug)")
}

// buildOptions are the build's options for these flags.
func (s *SiteFlags) buildOptions(source fs.FS, baseURL string, log *slog.Logger) build.Options {
	opts := build.Options{
		Source: source, Builtin: bulletin.Theme, BaseURL: baseURL,
		Drafts: s.Drafts, Future: s.Future, Expired: s.Expired, Logger: log,
		HTMLTemplateOnly: s.HTMLTemplateOnly, Minify: s.Minify,
	}
	dir := ""
	if !s.NoCache {
		dir = filepath.Join(s.Source, rcache.Dir)
	}
	mem, err := build.OpenMemory(dir)
	if err != nil {
		log.Warn("building without the render cache", "error", err)
	}
	opts.Memory = mem
	return opts
}

const pollUsage = "poll the file system instead of using file events (network drives, containers)"

// commitMemory keeps what a build whose result was kept leaves for the
// next: every command calls it the same way, after each such build.
func commitMemory(opts build.Options, streams IO) {
	if err := opts.Memory.Commit(); err != nil {
		fmt.Fprintf(streams.Err, "bulletin: warning: %v\n", err)
	}
}
