package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/build"
	"github.com/bulletin-ssg/bulletin/internal/check"
	"github.com/bulletin-ssg/bulletin/internal/linkcheck"
	"github.com/bulletin-ssg/bulletin/internal/rcache"
	"github.com/bulletin-ssg/bulletin/internal/site"
	"github.com/spf13/cobra"
)

// CheckOptions are the flags of `bulletin check`.
type CheckOptions struct {
	IO IO
	SiteFlags
	Format string
	Strict bool
	// External also asks other sites about the links to them, each
	// request waiting ExternalTimeout at most.
	External        bool
	ExternalTimeout time.Duration
}

// NewCmdCheck makes `bulletin check`.
func NewCmdCheck(streams IO, runF func(context.Context, *CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Find broken links, missing images and other mistakes before you deploy",
		Long: fmt.Sprintf(`Check builds the site in memory, writing no output, and reports everything
that would embarrass the company, each at its file, line and column:

  error    build errors (two pages at one URL among them), links and
           #anchors that lead nowhere, missing images
  warning  drafts linked from published pages, articles without the summary
           their section asks for (requireSummary: true), a title used
           twice, a Chinese site without its ICP number, settings keys
           bulletin does not know (typos such as baseurl), front-matter
           keys of other generators (updated: use lastmod), raw HTML
           dropped because unsafeHTML is off, other generators' template
           tags left in the text ({%% asset_img … %%}, {{< youtube … >}})

--external also asks other sites about the http and https links and
images of articles, covers that are URLs and menu entries: each URL once
per run, HEAD first, GET where HEAD is refused, at most %d requests at once
to a host and %d in all, each within --external-timeout. A URL that
answers 400 or more, fails (no such host, refused, TLS, timeout) or
redirects in a loop or more than %d times is an error; one that
redirects to a page that answers is a warning that names where to link
instead; 429 Too Many Requests is a warning. URLs that answered are
kept a day in %s/%s and not asked again
(--no-cache: neither read nor written); failures are always asked again.
Without --external, check asks nothing of the network.

Errors exit 1; warnings do not, unless --strict. --format json prints one
JSON object per finding (file, line, column, severity, code, message), for
CI annotations.`, linkcheck.DefaultPerHost, linkcheck.DefaultTotal, linkcheck.MaxRedirects, rcache.Dir, linkcheck.CacheFile),
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Format != "text" && opts.Format != "json" {
				return &usageError{fmt.Errorf("--format %q: want text or json", opts.Format)}
			}
			if opts.ExternalTimeout <= 0 {
				return &usageError{fmt.Errorf("--external-timeout %s: want a duration above zero, such as 10s", opts.ExternalTimeout)}
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return checkRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	opts.SiteFlags.register(f)
	f.StringVar(&opts.Format, "format", "text", "text (file:line:col: severity: message [code]) or json (one object per line)")
	f.BoolVar(&opts.Strict, "strict", false, "treat warnings as errors")
	f.BoolVar(&opts.External, "external", false, "also check links to other sites (http and https): each URL once, those that answered kept a day in "+rcache.Dir)
	f.DurationVar(&opts.ExternalTimeout, "external-timeout", linkcheck.DefaultTimeout, "with --external, how long to wait for each answer")
	f.Lookup("no-cache").Usage = "neither read nor write the render cache in " + rcache.Dir + ", nor (with --external) the other sites' answers of the last day"
	return cmd
}

// errFindings ends a check that found errors (exit 1; the findings were
// printed already).
var errFindings = errors.New("check found errors")

func checkRun(ctx context.Context, opts *CheckOptions) error {
	start := time.Now()
	source, closeSource, err := openSource(opts.Source)
	if err != nil {
		return err
	}
	defer closeSource()
	bopts := opts.buildOptions(source, "", logger(IO{Err: discard{}}, false))
	bopts.NoOutput = true
	res, err := build.Build(ctx, bopts, nil)
	if err == nil {
		commitMemory(bopts, opts.IO)
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	findings := check.FromErrors(err, check.Error, "build")
	if res != nil {
		findings = append(findings, check.FromErrors(errors.Join(res.Warnings...), check.Warning, "linked-draft")...)
		if res.Site != nil {
			findings = append(findings, check.Site(res.Site)...)
		}
		if res.Site != nil && opts.External {
			findings = append(findings, checkExternal(ctx, opts, res.Site)...)
		}
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	check.Sort(findings)
	errorsFound, warnings := 0, 0
	for _, f := range findings {
		if opts.Strict {
			f.Severity = check.Error
		}
		if f.Severity == check.Error {
			errorsFound++
		} else {
			warnings++
		}
		if opts.Format == "json" {
			line, _ := json.Marshal(f)
			fmt.Fprintln(opts.IO.Out, string(line))
		} else {
			fmt.Fprintln(opts.IO.Out, f)
		}
	}
	fmt.Fprintf(opts.IO.Err, "bulletin check: %d errors, %d warnings in %s\n", errorsFound, warnings, time.Since(start).Round(time.Millisecond))
	if errorsFound > 0 {
		return errFindings
	}
	return nil
}

// checkExternal asks other sites about the links to them, with the
// cache of the last day's answers unless --no-cache, and says on stderr
// how many it asked.
func checkExternal(ctx context.Context, opts *CheckOptions, s *site.Site) []check.Finding {
	var cache *linkcheck.Cache
	if !opts.NoCache {
		cache = linkcheck.OpenCache(filepath.Join(opts.Source, rcache.Dir))
	}
	lc := &linkcheck.Checker{
		Timeout:   opts.ExternalTimeout,
		UserAgent: "bulletin/" + Version() + " (link checker; +https://github.com/bulletin-ssg/bulletin)",
		Cache:     cache,
	}
	findings, results := check.External(ctx, s, lc)
	if err := cache.Save(time.Now()); err != nil {
		fmt.Fprintf(opts.IO.Err, "bulletin: warning: external links checked, but not kept for the next check: %v\n", err)
	}
	asked, cached := map[string]bool{}, map[string]bool{}
	for u, r := range results {
		if r.Cached {
			cached[linkcheck.Key(u)] = true
		} else {
			asked[linkcheck.Key(u)] = true
		}
	}
	fmt.Fprintf(opts.IO.Err, "bulletin check: %d external URLs asked, %d more answered within the last day\n", len(asked), len(cached))
	return findings
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
