package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/bulletin-ssg/bulletin"
	"github.com/bulletin-ssg/bulletin/internal/scaffold"
	"github.com/spf13/cobra"
)

// NewCmdNew makes `bulletin new`, the parent of `new site` and `new article`.
func NewCmdNew(streams IO) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "new",
		Short: "Create a new site or a new article",
		Args:  cobra.ArbitraryArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return &usageError{fmt.Errorf("unknown kind %q: bulletin new site DIR, or bulletin new article TITLE", args[0])}
			}
			return &usageError{errors.New("new what? bulletin new site DIR, or bulletin new article TITLE")}
		},
	}
	cmd.AddCommand(NewCmdNewSite(streams, nil), NewCmdNewArticle(streams, nil))
	return cmd
}

// NewSiteOptions are the flags of `bulletin new site`.
type NewSiteOptions struct {
	IO          IO
	Dir         string
	Lang        string
	WithLayouts bool
	now         func() time.Time
}

// NewCmdNewSite makes `bulletin new site`.
func NewCmdNewSite(streams IO, runF func(context.Context, *NewSiteOptions) error) *cobra.Command {
	opts := &NewSiteOptions{IO: streams, now: time.Now}
	cmd := &cobra.Command{
		Use:   "site DIR",
		Short: "Create a new site in DIR",
		Long: `Site writes a small working site into DIR, which must not exist or be empty:
content/_index.md holds the settings, every key explained in a comment;
content/news/ is a section with one welcome article; .gitignore leaves out
public/. With --with-layouts the built-in theme's templates and stylesheet
are copied into layouts/ and assets/ to be edited there; without it the
site uses the built-in theme from the binary.

--lang zh (the default) writes Chinese text, language zh-CN, timezone
Asia/Shanghai and an ICP filing number to replace; --lang en writes English
text, language en, timezone UTC.`,
		Args: exactArg("DIR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = args[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return newSiteRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Lang, "lang", "zh", "language of the settings and sample text: zh or en")
	f.BoolVar(&opts.WithLayouts, "with-layouts", false, "copy the built-in theme's layouts/ and stylesheet into the site, to edit them")
	return cmd
}

func newSiteRun(_ context.Context, opts *NewSiteOptions) error {
	lang, err := scaffold.ParseLang(opts.Lang)
	if err != nil {
		return &usageError{fmt.Errorf("--lang: %w", err)}
	}
	files, err := scaffold.Site(scaffold.SiteOptions{
		Lang: lang, Now: clock(opts.now)(), Theme: bulletin.Theme, WithLayouts: opts.WithLayouts,
	})
	if err != nil {
		return err
	}
	// A folder that is not empty is wrong usage (exit 2), not a site
	// error (exit 1): no site is read, the argument names a place a new
	// site cannot go, and the fix is another DIR, as for a --source that
	// is not a folder.
	var notEmpty *scaffold.NotEmptyError
	switch err := scaffold.CreateSite(opts.Dir, files); {
	case errors.As(err, &notEmpty):
		return &usageError{err}
	case err != nil:
		return err
	}
	cd := ""
	if filepath.Clean(opts.Dir) != "." {
		cd = "  cd " + shellQuote(opts.Dir) + "\n"
	}
	fmt.Fprintf(opts.IO.Out, "Created a new site in %s\n\nNext steps:\n%s  bulletin serve\n\n"+
		"The settings are in content/_index.md; bulletin new article TITLE starts an article.\n",
		displaySource(opts.Dir), cd)
	return nil
}

// NewArticleOptions are the flags of `bulletin new article`.
type NewArticleOptions struct {
	IO      IO
	Source  string
	Section string
	Lang    string // "" means the site's language
	Slug    string
	Title   string
	now     func() time.Time
}

// NewCmdNewArticle makes `bulletin new article`.
func NewCmdNewArticle(streams IO, runF func(context.Context, *NewArticleOptions) error) *cobra.Command {
	opts := &NewArticleOptions{IO: streams, now: time.Now}
	cmd := &cobra.Command{
		Use:   "article [--section news] [--slug SLUG] TITLE",
		Short: "Create a draft article and print its path",
		Long: `Article writes content/<section>/YYYY-MM-DD-<slug>.md with its title, the
date and time now in the site's timezone, draft: true and empty tags, and
prints its path. It never replaces a file.

The slug is made of the title: a Chinese title gets its pinyin
("端午节活动安排" gives duan-wu-jie-huo-dong-an-pai), other words are
lowercased and joined by dashes. --slug sets it instead.`,
		Args: exactArg("TITLE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Title = args[0]
			if cmd.Flags().Changed("slug") && opts.Slug == "" {
				return &usageError{errors.New("--slug: empty")}
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return newArticleRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Source, "source", "s", ".", "site folder holding content/")
	f.StringVar(&opts.Section, "section", "news", "section: the folder under content/")
	f.StringVar(&opts.Slug, "slug", "", "file-name slug instead of the one made of the title")
	f.StringVar(&opts.Lang, "lang", "", "language of the placeholder text: zh or en (default: the site's language)")
	return cmd
}

func newArticleRun(_ context.Context, opts *NewArticleOptions) error {
	title := scaffold.CleanTitle(opts.Title)
	if title == "" {
		return &usageError{errors.New("the title is empty")}
	}
	if err := scaffold.CheckSection(opts.Section); err != nil {
		return &usageError{fmt.Errorf("--section: %w", err)}
	}
	slug, err := articleSlug(opts.Slug, title)
	if err != nil {
		return &usageError{err}
	}
	var lang scaffold.Lang
	if opts.Lang != "" {
		if lang, err = scaffold.ParseLang(opts.Lang); err != nil {
			return &usageError{fmt.Errorf("--lang: %w", err)}
		}
	}
	source, err := openSource(opts.Source)
	if err != nil {
		return err
	}
	settings, err := scaffold.ReadSettings(source)
	if errors.Is(err, scaffold.ErrNotSite) {
		return &usageError{fmt.Errorf("--source %s: %w", opts.Source, err)}
	} else if err != nil {
		return err
	}
	if lang == "" {
		lang = scaffold.LangOf(settings.Language)
	}
	a := scaffold.Article{
		Section: opts.Section, Slug: slug, Title: title, Lang: lang,
		Date: clock(opts.now)().In(settings.Zone),
	}
	err = scaffold.WriteNew(opts.Source, scaffold.File{Path: a.Path(), Data: a.Text()})
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%w (give the new article another --slug)", err)
	} else if err != nil {
		return err
	}
	fmt.Fprintln(opts.IO.Out, filepath.Join(opts.Source, filepath.FromSlash(a.Path())))
	return nil
}

// clock is now, or time.Now for options made without a constructor.
func clock(now func() time.Time) func() time.Time {
	if now == nil {
		return time.Now
	}
	return now
}

func articleSlug(flag, title string) (string, error) {
	if flag != "" {
		return scaffold.CleanSlug(flag)
	}
	return scaffold.Slug(title)
}

// exactArg accepts one argument, named name in the error.
func exactArg(name string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		switch {
		case len(args) == 0:
			return &usageError{fmt.Errorf("missing %s", name)}
		case len(args) > 1:
			return &usageError{fmt.Errorf("want one %s, got %d arguments (quote a %s with spaces)", name, len(args), name)}
		}
		return nil
	}
}

// shellQuote writes dir so that it can be pasted into a shell.
func shellQuote(dir string) string {
	if dir != "" && strings.Trim(dir, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/-") == "" {
		return dir
	}
	return "'" + strings.ReplaceAll(dir, "'", `'\''`) + "'"
}
