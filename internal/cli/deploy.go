package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"github.com/bulletin-ssg/bulletin/internal/config"
	"github.com/bulletin-ssg/bulletin/internal/deploy"
	"github.com/bulletin-ssg/bulletin/internal/deploy/cdn"
)

// DeployOptions are the flags of `bulletin deploy`.
type DeployOptions struct {
	IO         IO
	Source     string
	Dest       string
	Target     string
	BaseURL    string
	Yes        bool
	DryRun     bool
	Force      bool
	All        bool
	MaxDeletes int
	Workers    int
	// Terminal reports whether a person is at the terminal (nil: whether
	// standard output is one); tests set it.
	Terminal func() bool
	// S3 tunes the store's client; tests count its requests and shorten
	// its waits.
	S3 deploy.S3Options
	// Purger makes the CDN refresh of a target (nil: cdn.New);
	// tests point it at a fake provider.
	Purger func(cdn config.CDN, c deploy.Credentials) (deploy.Purger, error)
}

// The environment deploy reads its keys from: first the target's own
// (BULLETIN_DEPLOY_PROD_ACCESS_KEY_ID for the target prod), then
// bulletin's, then the names every S3 tool reads.
const (
	DeployEnvPrefix = "BULLETIN_DEPLOY_"
	awsKeyIDEnv     = "AWS_ACCESS_KEY_ID"
	awsSecretEnv    = "AWS_SECRET_ACCESS_KEY"
	awsTokenEnv     = "AWS_SESSION_TOKEN"
)

// DefaultMaxDeletes is as many deletes as a deploy makes without
// --force: far more than a day's edits remove, far fewer than a site.
const DefaultMaxDeletes = 256

// NewCmdDeploy makes `bulletin deploy`. runF replaces deployRun in tests
// of flag parsing.
func NewCmdDeploy(streams IO, runF func(context.Context, *DeployOptions) error) *cobra.Command {
	opts := &DeployOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "deploy",
		Short: "Upload the built site to an S3-compatible bucket: only what changed, in an order that never breaks a page",
		Long: `Deploy compares the output of the last build with what the bucket of a
target (deploy.targets in content/_index.md) holds, prints the plan, and,
with --yes, carries it out: new and changed assets first, then pages,
then feeds and the sitemap, then its record of the bucket
(` + deploy.ManifestKey + `), then the deletes. A deploy cut short leaves
the site whole, and the next one finishes the job. It deletes only files
it uploaded, and no more than --max-deletes without --force.

Keys come from the environment only: $` + DeployEnvPrefix + `<TARGET>_ACCESS_KEY_ID,
else $` + DeployEnvPrefix + `ACCESS_KEY_ID, else $` + awsKeyIDEnv + `; likewise
SECRET_ACCESS_KEY and SESSION_TOKEN.

Without --yes nothing changes: at a terminal deploy prints the plan (as
--dry-run), elsewhere it asks for --yes or --dry-run, so a CI job never
passes without deploying by mistake.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return deployRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Source, "source", "s", ".", "site folder holding content/_index.md")
	f.StringVarP(&opts.Dest, "dest", "d", "", "the built output to deploy (default: public/ inside --source)")
	f.StringVarP(&opts.Target, "target", "t", "", "the target of deploy.targets to deploy to (default: the only one)")
	f.StringVar(&opts.BaseURL, "base-url", "", "absolute URL the site is served from, for the CDN refresh; overrides baseURL in content/_index.md and $"+BaseURLEnv)
	f.BoolVar(&opts.Yes, "yes", false, "carry out the plan (without it, only print it)")
	f.BoolVar(&opts.DryRun, "dry-run", false, "print the plan and change nothing (the default at a terminal)")
	f.BoolVar(&opts.Force, "force", false, "delete more files than --max-deletes")
	f.BoolVar(&opts.All, "all", false, "upload every file again, whatever the bucket holds")
	f.IntVar(&opts.MaxDeletes, "max-deletes", DefaultMaxDeletes, "the most files a deploy deletes without --force")
	f.IntVar(&opts.Workers, "workers", deploy.DefaultWorkers, "how many files to upload at once")
	return cmd
}

func deployRun(ctx context.Context, opts *DeployOptions) error {
	if err := deployMode(opts); err != nil {
		return err
	}
	root, err := openRoot(opts.Source)
	if err != nil {
		return err
	}
	defer root.Close()
	settings, ownBase, err := readSettings(root.FS(), opts.BaseURL)
	if err != nil {
		return err
	}
	t, err := chooseTarget(settings.Deploy, opts.Target)
	if err != nil {
		return err
	}
	creds, err := deployCredentials(t.Name)
	if err != nil {
		return err
	}
	local, closeOutput, err := readDeployOutput(opts, settings.Deploy, t)
	if err != nil {
		return err
	}
	defer closeOutput()
	s3opts := opts.S3
	if s3opts.UserAgent == "" {
		s3opts.UserAgent = "bulletin/" + Version()
	}
	store, err := deploy.NewS3(t.URL, creds, s3opts)
	if err != nil {
		return fmt.Errorf("%s: %w", t.Name, err)
	}
	remote, err := deploy.ReadRemote(ctx, store)
	if err != nil {
		return fmt.Errorf("%s: %w", t.Name, err)
	}
	plan, err := deploy.MakePlan(local, remote, opts.All)
	if err != nil {
		return fmt.Errorf("%s: %w", t.Name, err)
	}
	printPlan(opts.IO, t, plan)
	tooMany := len(plan.Deletes) > opts.MaxDeletes && !opts.Force
	if opts.DryRun {
		if tooMany {
			fmt.Fprintf(opts.IO.Err, "bulletin: warning: %s: the plan deletes %s, more than --max-deletes %d: --yes alone refuses; add --force if the output is whole\n", t.Name, fileCount(len(plan.Deletes)), opts.MaxDeletes)
		}
		if !plan.Empty() {
			fmt.Fprintf(opts.IO.Err, "bulletin: %s: a dry run: --yes deploys\n", t.Name)
		}
		return nil
	}
	if tooMany {
		return fmt.Errorf("%s: the plan deletes %s, more than --max-deletes %d: if the output is whole (not a build of a few pages), deploy with --force or a higher --max-deletes", t.Name, fileCount(len(plan.Deletes)), opts.MaxDeletes)
	}
	purger, urls, err := planPurge(opts, settings, ownBase, t, creds, plan)
	if err != nil {
		return err
	}
	if plan.Empty() {
		return nil
	}
	progress := newProgress(opts.IO.Err, t.Name, opts.terminal())
	err = plan.Run(ctx, store, deploy.RunOptions{Workers: opts.Workers, Progress: progress.update})
	progress.done()
	if err != nil {
		if ctx.Err() != nil {
			fmt.Fprintf(opts.IO.Err, "bulletin: %s: the deploy was cut short; the site is whole, and the next deploy finishes the job\n", t.Name)
			return ctx.Err()
		}
		return fmt.Errorf("%s: %w; the site is whole, and the next deploy finishes the job", t.Name, err)
	}
	fmt.Fprintf(opts.IO.Err, "bulletin: %s: deployed: uploaded %s (%s), deleted %d, %d unchanged\n", t.Name, fileCount(len(plan.Uploads)), byteSize(plan.Bytes()), len(plan.Deletes), plan.Unchanged)
	if purger != nil {
		return purge(ctx, opts.IO, settings.BaseURL, t, purger, urls)
	}
	return nil
}

// deployMode settles whether the deploy acts: --yes acts, --dry-run does
// not, and without either only a person at a terminal gets the dry run.
func deployMode(opts *DeployOptions) error {
	switch {
	case opts.Yes && opts.DryRun:
		return &usageError{errors.New("--yes and --dry-run: choose one")}
	case opts.Workers < 1:
		return &usageError{fmt.Errorf("--workers %d: want 1 or more", opts.Workers)}
	case opts.MaxDeletes < 0:
		return &usageError{fmt.Errorf("--max-deletes %d: want 0 or more", opts.MaxDeletes)}
	case !opts.Yes && !opts.DryRun:
		if !opts.terminal() {
			return &usageError{errors.New("deploy: not at a terminal: add --yes to deploy, or --dry-run to print the plan alone")}
		}
		opts.DryRun = true
	}
	return nil
}

func (opts *DeployOptions) terminal() bool {
	if opts.Terminal != nil {
		return opts.Terminal()
	}
	f, ok := opts.IO.Out.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&fs.ModeCharDevice != 0
}

// chooseTarget is the target named, or the only one.
func chooseTarget(d config.Deploy, name string) (*config.DeployTarget, error) {
	var names []string
	for _, t := range d.Targets {
		names = append(names, t.Name)
	}
	switch {
	case len(names) == 0:
		return nil, fmt.Errorf("%s: no deploy targets: add deploy: {targets: [{name: prod, url: \"s3://bucket/prefix?endpoint=…&region=…\"}]}", settingsFile)
	case name != "":
		if t := d.Target(name); t != nil {
			return t, nil
		}
		return nil, &usageError{fmt.Errorf("--target %s: %s names no such target (it has %s)", name, settingsFile, strings.Join(names, ", "))}
	case len(names) > 1:
		return nil, &usageError{fmt.Errorf("%s names %d targets (%s): choose one with --target", settingsFile, len(names), strings.Join(names, ", "))}
	}
	return &d.Targets[0], nil
}

var notEnvName = regexp.MustCompile(`[^A-Z0-9]+`)

// deployCredentials reads the target's keys from the environment: its
// own variables, else bulletin's, else AWS's; the key ID, the secret and
// the token of one of them together.
func deployCredentials(target string) (deploy.Credentials, error) {
	own := DeployEnvPrefix + notEnvName.ReplaceAllString(strings.ToUpper(target), "_") + "_"
	for _, p := range []struct{ id, secret, token string }{
		{own + "ACCESS_KEY_ID", own + "SECRET_ACCESS_KEY", own + "SESSION_TOKEN"},
		{DeployEnvPrefix + "ACCESS_KEY_ID", DeployEnvPrefix + "SECRET_ACCESS_KEY", DeployEnvPrefix + "SESSION_TOKEN"},
		{awsKeyIDEnv, awsSecretEnv, awsTokenEnv},
	} {
		id, secret := strings.TrimSpace(os.Getenv(p.id)), strings.TrimSpace(os.Getenv(p.secret))
		switch {
		case id != "" && secret != "":
			return deploy.Credentials{AccessKeyID: id, SecretAccessKey: secret, SessionToken: strings.TrimSpace(os.Getenv(p.token))}, nil
		case id != "" || secret != "":
			return deploy.Credentials{}, fmt.Errorf("%s: $%s and $%s: one is set, the other is not", target, p.id, p.secret)
		}
	}
	return deploy.Credentials{}, fmt.Errorf("%s: no keys: set $%s and $%s (or $%sACCESS_KEY_ID and $%sSECRET_ACCESS_KEY) in the environment, from the CI's secrets", target, awsKeyIDEnv, awsSecretEnv, own, own)
}

// readDeployOutput reads the output build left in --dest, through an
// os.Root kept open until the deploy is done (close): the uploads read
// the files through it.
func readDeployOutput(opts *DeployOptions, d config.Deploy, t *config.DeployTarget) (local *deploy.Local, close func(), err error) {
	root, display, err := openOutput(opts.Source, opts.Dest)
	if err != nil {
		return nil, nil, err
	}
	local, err = deploy.ReadOutput(root.FS(), deploy.Options{Rules: d.CacheControl, Compress: t.Compress, RedirectHeader: t.RedirectHeader})
	if err != nil {
		root.Close()
		return nil, nil, fmt.Errorf("%s: %w", display, err)
	}
	return local, func() { root.Close() }, nil
}

// printPlan lists the plan on standard output, one file a line, and sums
// it up on standard error.
func printPlan(streams IO, t *config.DeployTarget, p *deploy.Plan) {
	for _, u := range p.Uploads {
		fmt.Fprintf(streams.Out, "upload %s (%s, %s)\n", u.Rel, u.Why, byteSize(u.Size))
	}
	for _, rel := range p.Deletes {
		fmt.Fprintf(streams.Out, "delete %s\n", rel)
	}
	if p.Listing {
		fmt.Fprintf(streams.Err, "bulletin: %s: the bucket has no %s: compared with its listing; a file of the same size and MD5 is left as it is\n", t.Name, deploy.ManifestKey)
	}
	if p.Kept > 0 {
		fmt.Fprintf(streams.Err, "bulletin: %s: keeping %s that bulletin did not upload\n", t.Name, fileCount(p.Kept))
	}
	var kinds []string
	count := map[deploy.Kind]int{}
	for _, u := range p.Uploads {
		count[u.Kind]++
	}
	for k := deploy.Asset; k <= deploy.Sitemap; k++ {
		if count[k] > 0 {
			kinds = append(kinds, kindCount(count[k], k))
		}
	}
	what := ""
	if len(kinds) > 0 {
		what = ": " + strings.Join(kinds, ", ")
	}
	if p.Empty() {
		fmt.Fprintf(streams.Err, "bulletin: %s: %s: nothing to do, all %d files as the bucket holds them\n", t.Name, t.URL, p.Unchanged)
		return
	}
	fmt.Fprintf(streams.Err, "bulletin: %s: %s: the plan: upload %s (%s%s), delete %d, %d unchanged\n", t.Name, t.URL, fileCount(len(p.Uploads)), byteSize(p.Bytes()), what, len(p.Deletes), p.Unchanged)
}

// kindCount is "1 page", "3 pages".
func kindCount(n int, k deploy.Kind) string {
	name := k.String()
	if n == 1 {
		name = strings.TrimSuffix(name, "s")
	}
	return fmt.Sprintf("%d %s", n, name)
}

func fileCount(n int) string {
	if n == 1 {
		return "1 file"
	}
	return fmt.Sprintf("%d files", n)
}

// byteSize writes n as people read sizes: 812 B, 45.1 kB, 10.3 MB.
func byteSize(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	f := float64(n)
	for _, u := range []string{"kB", "MB", "GB"} {
		f /= unit
		if f < unit || u == "GB" {
			return fmt.Sprintf("%.1f %s", f, u)
		}
	}
	return ""
}

// progress reports a deploy under way on standard error: at a terminal
// one line kept up to date, elsewhere (a CI log) a line as each kind of
// file begins and every thousand files.
type progress struct {
	w     io.Writer
	name  string
	term  bool
	phase string
	shown bool
}

func newProgress(w io.Writer, name string, term bool) *progress {
	return &progress{w: w, name: name, term: term}
}

func (p *progress) update(pr deploy.Progress) {
	line := fmt.Sprintf("bulletin: %s: %s: %d/%d files, %s of %s", p.name, pr.Phase, pr.Files, pr.Total, byteSize(pr.Bytes), byteSize(pr.Size))
	if pr.Phase == "deletes" {
		line = fmt.Sprintf("bulletin: %s: deletes: %d", p.name, pr.Deleted)
	}
	switch {
	case p.term:
		fmt.Fprintf(p.w, "\r\x1b[K%s", line)
		p.shown = true
	case pr.Phase != p.phase || pr.Files%1000 == 0 && pr.Phase != "manifest" && pr.Phase != "deletes":
		fmt.Fprintln(p.w, line)
	}
	p.phase = pr.Phase
}

// done ends the line kept up to date.
func (p *progress) done() {
	if p.shown {
		fmt.Fprintln(p.w)
	}
}

// planPurge makes the CDN refresh of the target, when it names a CDN,
// and the URLs it will refresh: before anything changes, so a CDN that
// cannot be refreshed stops the deploy rather than leaving it stale.
func planPurge(opts *DeployOptions, s *config.Settings, ownBase bool, t *config.DeployTarget, creds deploy.Credentials, p *deploy.Plan) (deploy.Purger, []string, error) {
	if t.CDN == nil || p.Empty() {
		return nil, nil, nil
	}
	if !ownBase {
		return nil, nil, fmt.Errorf("%s: no baseURL: the CDN refresh needs the site's URLs; set baseURL in %s, $%s or --base-url", t.Name, settingsFile, BaseURLEnv)
	}
	newPurger := opts.Purger
	if newPurger == nil {
		newPurger = func(c config.CDN, keys deploy.Credentials) (deploy.Purger, error) {
			return cdn.New(c, keys, os.Getenv(CDNEndpointEnv))
		}
	}
	purger, err := newPurger(*t.CDN, creds)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: cdn %s: %w", t.Name, t.CDN.Provider, err)
	}
	return purger, deploy.PurgeURLs(s.BaseURL, p), nil
}

// CDNEndpointEnv replaces the CDN provider's API endpoint: a test's fake
// provider, or a proxy.
const CDNEndpointEnv = "BULLETIN_CDN_ENDPOINT"

// purge refreshes the CDN's cache of urls after a deploy.
func purge(ctx context.Context, streams IO, base string, t *config.DeployTarget, purger deploy.Purger, urls []string) error {
	if err := purger.Purge(ctx, base, urls); err != nil {
		return fmt.Errorf("%s: deployed, but the CDN (%s) did not refresh %s: %w; refresh them in its console", t.Name, t.CDN.Provider, urlCount(len(urls)), err)
	}
	fmt.Fprintf(streams.Err, "bulletin: %s: cdn %s: refreshed %s\n", t.Name, t.CDN.Provider, urlCount(len(urls)))
	return nil
}
