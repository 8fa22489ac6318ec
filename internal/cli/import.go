package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/bulletin-ssg/bulletin/internal/importer"
	"github.com/bulletin-ssg/bulletin/internal/importer/hexo"
	"github.com/bulletin-ssg/bulletin/internal/importer/hugo"
	"github.com/bulletin-ssg/bulletin/internal/importer/jekyll"
	"github.com/bulletin-ssg/bulletin/internal/importer/wordpress"
	"github.com/bulletin-ssg/bulletin/internal/scaffold"
)

// ImportOptions are the flags of `bulletin import`.
type ImportOptions struct {
	IO        IO
	Generator string
	Src       string
	Source    string
	Section   string
	Timezone  string
	Uploads   string
	DryRun    bool
}

// readers are the generators bulletin imports from.
var readers = map[string]func(dir string, opts importer.ReadOptions) (*importer.Source, error){
	"hexo":      hexo.Read,
	"hugo":      hugo.Read,
	"jekyll":    jekyll.Read,
	"wordpress": wordpress.Read,
}

// errNotImported ends an import that left files out (exit 1; the report
// names them already).
var errNotImported = errors.New("some files were not imported")

// NewCmdImport makes `bulletin import`.
func NewCmdImport(streams IO, runF func(context.Context, *ImportOptions) error) *cobra.Command {
	opts := &ImportOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "import hexo|hugo|jekyll|wordpress SRC",
		Short: "Move the articles of a Hexo, Hugo, Jekyll or WordPress site into this site",
		Long: `Import reads the site at SRC (a WordPress export: its .xml file) and writes
its articles into the bulletin site at --source: posts into
content/<section>/, other sections and pages as sections and pages, with
front matter in bulletin's keys, the old syntax (tag plugins, shortcodes,
Liquid, HTML) turned into Markdown, an alias for every old URL bulletin does
not serve itself, and images and attachments copied. A folder without the
generator's settings file is read as a folder of its posts.

It never replaces a file, and --dry-run writes nothing. It prints what was
imported, what was imported with notes (file:line: what was approximated)
and what was not (file:line: why); the exit status is 1 when some file was
not imported.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 2 {
				return &usageError{fmt.Errorf("want a generator (%s) and SRC, got %d arguments", generators(), len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Generator, opts.Src = args[0], args[1]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return importRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Source, "source", "s", ".", "the bulletin site to import into")
	f.StringVar(&opts.Section, "section", "news", "the section posts go into")
	f.StringVar(&opts.Timezone, "timezone", "", "IANA zone of dates written without one, when the old site's settings name none (default: the bulletin site's)")
	f.StringVar(&opts.Uploads, "uploads", "", "WordPress: the wp-content/uploads folder, to copy the files posts use")
	f.BoolVar(&opts.DryRun, "dry-run", false, "write nothing; print what would be imported")
	return cmd
}

func generators() string {
	names := make([]string, 0, len(readers))
	for n := range readers {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func importRun(_ context.Context, opts *ImportOptions) error {
	read, ok := readers[opts.Generator]
	if !ok {
		return &usageError{fmt.Errorf("unknown generator %q: want one of %s", opts.Generator, generators())}
	}
	if err := scaffold.CheckSection(opts.Section); err != nil {
		return &usageError{fmt.Errorf("--section: %w", err)}
	}
	if opts.Uploads != "" && opts.Generator != "wordpress" {
		return &usageError{errors.New("--uploads is for wordpress")}
	}
	if _, err := os.Stat(opts.Src); err != nil {
		return &usageError{fmt.Errorf("SRC %s: %w", opts.Src, errors.Unwrap(err))}
	}
	settings, err := scaffold.ReadSettings(os.DirFS(opts.Source))
	if errors.Is(err, scaffold.ErrNotSite) {
		return &usageError{fmt.Errorf("--source %s: %w", opts.Source, err)}
	} else if err != nil {
		return err
	}
	var zone *time.Location
	if opts.Timezone != "" {
		if zone, err = time.LoadLocation(opts.Timezone); err != nil || opts.Timezone == "Local" {
			return &usageError{fmt.Errorf("--timezone %q: not an IANA zone such as Asia/Shanghai", opts.Timezone)}
		}
	}
	readZone := zone
	if readZone == nil {
		readZone = settings.Zone
	}
	src, err := read(opts.Src, importer.ReadOptions{Zone: readZone, Uploads: opts.Uploads})
	if err != nil {
		return err
	}
	report, err := importer.Import(src, importer.Options{Site: opts.Source, Section: opts.Section, Zone: zone, DryRun: opts.DryRun})
	if err != nil {
		return err
	}
	report.Print(opts.IO.Out)
	fmt.Fprintf(opts.IO.Err, "bulletin import: %s\n", report.Summary())
	if len(report.Refused) > 0 {
		return errNotImported
	}
	return nil
}
