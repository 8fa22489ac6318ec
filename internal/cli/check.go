package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/build"
	"github.com/bulletin-ssg/bulletin/internal/check"
	"github.com/spf13/cobra"
)

// CheckOptions are the flags of `bulletin check`.
type CheckOptions struct {
	IO IO
	SiteFlags
	Format string
	Strict bool
}

// NewCmdCheck makes `bulletin check`.
func NewCmdCheck(streams IO, runF func(context.Context, *CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Find broken links, missing images and other mistakes before you deploy",
		Long: `Check builds the site in memory, writing no output, and reports everything
that would embarrass the company, each at its file, line and column:

  error    build errors (two pages at one URL among them), links and
           #anchors that lead nowhere, missing images
  warning  drafts linked from published pages, articles without the summary
           their section asks for (requireSummary: true), a title used
           twice, a Chinese site without its ICP number, settings keys
           bulletin does not know (typos such as baseurl), front-matter
           keys of other generators (updated: use lastmod), raw HTML
           dropped because unsafeHTML is off, other generators' template
           tags left in the text ({% asset_img … %}, {{< youtube … >}})

Errors exit 1; warnings do not, unless --strict. --format json prints one
JSON object per finding (file, line, column, severity, code, message), for
CI annotations.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Format != "text" && opts.Format != "json" {
				return &usageError{fmt.Errorf("--format %q: want text or json", opts.Format)}
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
	return cmd
}

// errFindings ends a check that found errors (exit 1; the findings were
// printed already).
var errFindings = errors.New("check found errors")

func checkRun(ctx context.Context, opts *CheckOptions) error {
	start := time.Now()
	source, err := openSource(opts.Source)
	if err != nil {
		return err
	}
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

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
