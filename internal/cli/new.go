package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/bulletin-ssg/bulletin"
	"github.com/bulletin-ssg/bulletin/internal/config"
	"github.com/bulletin-ssg/bulletin/internal/content"
	"github.com/bulletin-ssg/bulletin/internal/frontmatter"
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
	// TranslationOf is the article this one translates: the new file is
	// written beside it.
	TranslationOf string
	Slug          string
	Title         string
	now           func() time.Time
}

// NewCmdNewArticle makes `bulletin new article`.
func NewCmdNewArticle(streams IO, runF func(context.Context, *NewArticleOptions) error) *cobra.Command {
	opts := &NewArticleOptions{IO: streams, now: time.Now}
	cmd := &cobra.Command{
		Use:   "article [--section news] [--slug SLUG] [--lang LANG [--translation-of FILE]] TITLE",
		Short: "Create a draft article and print its path",
		Long: `Article writes content/<section>/YYYY-MM-DD-<slug>.md with its title, the
date and time now in the site's timezone, draft: true and empty tags, and
prints its path. It never replaces a file.

The slug is made of the title: a Chinese title gets its pinyin
("端午节活动安排" gives duan-wu-jie-huo-dong-an-pai), other words are
lowercased and joined by dashes. --slug sets it instead.

--lang writes the article in one of the site's languages: in a site of
several, its file is named for it (….en.md); in a site of one, its front
matter says lang:. --translation-of FILE writes the translation of FILE
into --lang beside it (news/a.md gives news/a.en.md), with FILE's date and
translationKey.`,
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
	f.StringVar(&opts.Lang, "lang", "", "the article's language, one of the site's (default: the site's language)")
	f.StringVar(&opts.TranslationOf, "translation-of", "", "an article (content/news/a.md) to write the --lang translation of, beside it")
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
	if opts.Lang != "" && !config.LanguageTag(opts.Lang) {
		return &usageError{fmt.Errorf("--lang %q: want a language tag such as en, ja or zh-CN", opts.Lang)}
	}
	if opts.TranslationOf != "" && opts.Lang == "" {
		return &usageError{errors.New("--translation-of: give the translation's language with --lang")}
	}
	source, closeSource, err := openSource(opts.Source)
	if err != nil {
		return err
	}
	defer closeSource()
	settings, err := scaffold.ReadSettings(source)
	if errors.Is(err, scaffold.ErrNotSite) {
		return &usageError{fmt.Errorf("--source %s: %w", opts.Source, err)}
	} else if err != nil {
		return err
	}
	a := scaffold.Article{
		Section: opts.Section, Slug: slug, Title: title, Lang: scaffold.LangOf(settings.Language),
		Date: clock(opts.now)().In(settings.Zone),
	}
	if opts.Lang != "" {
		if err := articleLanguage(&a, opts.Lang, settings); err != nil {
			return err
		}
	}
	if opts.TranslationOf != "" {
		if err := translationOf(&a, source, opts.TranslationOf, settings); err != nil {
			return err
		}
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

// articleLanguage puts the article in the language tag names: a
// translation's file suffix in a site of several languages, lang: in a
// site of one whose language it is not.
func articleLanguage(a *scaffold.Article, tag string, s *config.Settings) error {
	a.Lang = scaffold.LangOf(tag)
	var names []string
	for _, l := range s.AllLanguages() {
		names = append(names, l.Language)
		if strings.EqualFold(l.Language, tag) {
			if l != s {
				a.Suffix = l.Language
			}
			return nil
		}
	}
	if s.Multilingual() {
		return &usageError{fmt.Errorf("--lang %s: not one of the site's languages (%s)", tag, strings.Join(names, ", "))}
	}
	// "zh" in a zh-CN site is the site's language.
	if base, _, _ := strings.Cut(strings.ToLower(s.Language), "-"); strings.ToLower(tag) != base {
		a.PageLang = tag
	}
	return nil
}

// translationOf places the article beside the one it translates, with
// that one's date and translationKey.
func translationOf(a *scaffold.Article, source fs.FS, file string, s *config.Settings) error {
	if !s.Multilingual() {
		return &usageError{errors.New("--translation-of: the site has one language; list the others under languages: in content/_index.md")}
	}
	rel := strings.TrimPrefix(filepath.ToSlash(filepath.Clean(file)), "content/")
	if !content.IsMarkdown(rel) || strings.HasPrefix(rel, "../") || strings.HasPrefix(rel, "/") {
		return &usageError{fmt.Errorf("--translation-of %s: want an article under content/, such as content/news/a.md", file)}
	}
	data, err := fs.ReadFile(source, "content/"+rel)
	if errors.Is(err, fs.ErrNotExist) {
		return &usageError{fmt.Errorf("--translation-of %s: there is no such file", file)}
	} else if err != nil {
		return fmt.Errorf("--translation-of %s: %w", file, err)
	}
	m, err := frontmatter.Parse(data)
	if err != nil {
		return fmt.Errorf("content/%s: %w", rel, err)
	}
	r := &frontmatter.Reader{File: "content/" + rel, M: m}
	if d := r.Time("date", s.Zone); !d.IsZero() {
		a.Date = d.In(s.Zone)
	}
	a.TranslationKey = strings.TrimSpace(r.String("translationKey"))
	key, _ := content.SplitLanguage(rel, s)
	ext := path.Ext(key)
	name := strings.TrimSuffix(key, ext)
	if a.Suffix != "" {
		name += "." + a.Suffix
	}
	a.File = "content/" + name + ext
	if a.File == "content/"+rel {
		return &usageError{fmt.Errorf("--translation-of %s: that file is in %s already", file, articleLang(a, s))}
	}
	return nil
}

// articleLang names the language an article is written in.
func articleLang(a *scaffold.Article, s *config.Settings) string {
	if a.Suffix != "" {
		return a.Suffix
	}
	return s.Language
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
