package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/bulletin-ssg/bulletin/internal/config"
	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/bulletin-ssg/bulletin/internal/frontmatter"
	"github.com/bulletin-ssg/bulletin/internal/push"
)

// PushOptions are the flags of `bulletin push`.
type PushOptions struct {
	IO      IO
	Source  string
	Dest    string
	BaseURL string
	Yes     bool
	Strict  bool
	// Sender sends the requests; tests shorten its waits.
	Sender push.Sender
}

// The environment push reads: the services' secrets, and their
// endpoints (for a test's fake services, or a proxy).
const (
	BaiduTokenEnv       = "BULLETIN_BAIDU_TOKEN"
	IndexNowKeyEnv      = "BULLETIN_INDEXNOW_KEY"
	BaiduEndpointEnv    = "BULLETIN_BAIDU_ENDPOINT"
	IndexNowEndpointEnv = "BULLETIN_INDEXNOW_ENDPOINT"
)

// NewCmdPush makes `bulletin push`. runF replaces pushRun in tests of
// flag parsing.
func NewCmdPush(streams IO, runF func(context.Context, *PushOptions) error) *cobra.Command {
	opts := &PushOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "push",
		Short: "Tell Baidu and IndexNow which pages are new or changed, after deployment",
		Long: `Push submits the URLs of the pages that are new or changed since the last
push to Baidu's link submission API ($` + BaiduTokenEnv + `) and to IndexNow
($` + IndexNowKeyEnv + `); a service whose variable is not set is skipped.
Run it after the site is deployed, on the output that was deployed.

The pages are those the output's sitemap lists (no 404 page, alias
redirect, feed or other file), under the base URL the site was built for.
What each service accepted is kept in ` + push.RecordFile + `: a page goes
to it again only when its file changed. Baidu gets no more URLs than its
daily quota has left, the newest first; the rest wait for the next push.

Without --yes, push prints the URLs it would submit and sends nothing.
A service that is down or refuses is a warning (exit 0) unless --strict.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return pushRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Source, "source", "s", ".", "site folder holding content/ and .bulletin/")
	f.StringVarP(&opts.Dest, "dest", "d", "", "the built output to push (default: public/ inside --source)")
	f.StringVar(&opts.BaseURL, "base-url", "", "absolute URL the site is served from; overrides baseURL in content/_index.md and $"+BaseURLEnv+" (the build's must be the same)")
	f.BoolVar(&opts.Yes, "yes", false, "send the URLs and record what was accepted (without it, only print them)")
	f.BoolVar(&opts.Strict, "strict", false, "exit 1 when a service is down or refuses")
	return cmd
}

func pushRun(ctx context.Context, opts *PushOptions) error {
	root, err := openRoot(opts.Source)
	if err != nil {
		return err
	}
	defer root.Close()
	base, err := pushBaseURL(root.FS(), opts.BaseURL)
	if err != nil {
		return err
	}
	out, err := readPushOutput(opts, base)
	if err != nil {
		return err
	}
	services, err := pushServices(opts, base, out)
	if err != nil {
		return err
	}
	rec, err := push.ReadRecord(root.FS())
	if err != nil {
		return err
	}
	if !opts.Yes {
		for _, svc := range services {
			pending := rec.Pending(svc.Name(), out.Pages)
			for _, p := range pending {
				fmt.Fprintln(opts.IO.Out, svc.Name(), p.URL)
			}
			fmt.Fprintf(opts.IO.Err, "bulletin: %s: would submit %s (of %d pages); --yes sends them\n", svc.Name(), urlCount(len(pending)), len(out.Pages))
		}
		return nil
	}
	failed := 0
	for _, svc := range services {
		pending := rec.Pending(svc.Name(), out.Pages)
		if len(pending) == 0 {
			fmt.Fprintf(opts.IO.Err, "bulletin: %s: nothing new to submit (all %d pages as it took them before)\n", svc.Name(), len(out.Pages))
			continue
		}
		res := svc.Submit(ctx, push.URLs(pending))
		rec.AcceptResult(svc.Name(), pending, res)
		if ctx.Err() != nil {
			break
		}
		if !reportPush(opts.IO, svc.Name(), len(pending), res) {
			failed++
		}
	}
	if ctx.Err() == nil {
		rec.Forget(base, out.Pages)
	}
	if rec.Changed() {
		if err := rec.Write(opts.Source); err != nil {
			return fmt.Errorf("%s: %w", push.RecordFile, err)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if failed > 0 && opts.Strict {
		return fmt.Errorf("bulletin push: %d of %d services failed (--strict)", failed, len(services))
	}
	return nil
}

// reportPush prints what a service made of a push, and reports whether
// it took the URLs without refusing any or failing (a quota used up is
// neither: those URLs are taken on the next push).
func reportPush(streams IO, name string, sent int, res push.Result) bool {
	quota := ""
	if res.Quota >= 0 {
		quota = fmt.Sprintf("; %d left of today's quota", res.Quota)
	}
	if len(res.Accepted) > 0 || res.Err == nil {
		fmt.Fprintf(streams.Err, "bulletin: %s: submitted %s%s\n", name, urlCount(len(res.Accepted)), quota)
	}
	if n := len(res.Refused); n > 0 {
		fmt.Fprintf(streams.Err, "bulletin: warning: %s: refused %s as not valid or not of the site, such as %s; they are sent again next time\n", name, urlCount(n), res.Refused[0])
	}
	ok := len(res.Refused) == 0
	waiting := sent - len(res.Accepted) - len(res.Refused)
	switch {
	case res.Err != nil:
		fmt.Fprintf(streams.Err, "bulletin: warning: %s: %v; %s for the next push\n", name, res.Err, urlsWait(waiting))
		return false
	case res.OverQuota && waiting > 0:
		fmt.Fprintf(streams.Err, "bulletin: %s: today's quota is used up; %s for the next push\n", name, urlsWait(waiting))
	}
	return ok
}

func urlsWait(n int) string {
	if n == 1 {
		return "1 URL waits"
	}
	return fmt.Sprintf("%d URLs wait", n)
}

func urlCount(n int) string {
	if n == 1 {
		return "1 URL"
	}
	return fmt.Sprintf("%d URLs", n)
}

// readPushOutput reads the output that build left in --dest for base.
func readPushOutput(opts *PushOptions, base string) (*push.Output, error) {
	root, display, err := openOutput(opts.Source, opts.Dest)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	out, err := push.ReadOutput(root.FS(), base)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", display, err)
	}
	return out, nil
}

// openOutput opens the output build left, for a command that works on
// it: dest (--dest), else public/ in source; display is how messages
// name it. Reading through the os.Root never follows a link out of it.
func openOutput(source, dest string) (root *os.Root, display string, err error) {
	display = dest
	if dest == "" {
		dest, display = filepath.Join(source, "public"), "public"
	}
	root, err = os.OpenRoot(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "", fmt.Errorf("%s: no such folder: build the site first", display)
	}
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", display, err)
	}
	return root, display, nil
}

const settingsFile = "content/_index.md"

// pushBaseURL is the base URL as build resolves it (--base-url, else
// $BULLETIN_BASE_URL, else the settings' baseURL), but never the
// default: search engines take only absolute URLs of the real site.
func pushBaseURL(fsys fs.FS, flag string) (string, error) {
	s, ownBase, err := readSettings(fsys, flag)
	if err != nil {
		return "", err
	}
	if !ownBase {
		return "", fmt.Errorf("%s: no baseURL: push submits absolute URLs of the site; set baseURL there, $%s or --base-url (as for build)", settingsFile, BaseURLEnv)
	}
	return s.BaseURL, nil
}

// readSettings reads the settings as build does, for a command that
// works on what build wrote; flag is --base-url. ownBase is false when
// the base URL is the default, which no deployed site has.
func readSettings(fsys fs.FS, flag string) (s *config.Settings, ownBase bool, err error) {
	override := baseURL(flag)
	m := &frontmatter.Matter{Fields: map[string]any{}, Pos: map[string]frontmatter.Position{}}
	data, err := fs.ReadFile(fsys, settingsFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, false, diag.At(settingsFile, 0, 0, "%v", err)
	default:
		if m, err = frontmatter.Parse(data); err != nil {
			var fe *frontmatter.Error
			if errors.As(err, &fe) {
				return nil, false, diag.At(settingsFile, fe.Pos.Line, fe.Pos.Col, "%s", fe.Msg)
			}
			return nil, false, diag.At(settingsFile, 0, 0, "%v", err)
		}
	}
	s, err = config.Parse(settingsFile, m, override)
	if err != nil {
		return nil, false, err
	}
	v, _ := m.Fields["baseURL"].(string)
	return s, override != "" || strings.TrimSpace(v) != "", nil
}

// pushServices are the services whose secrets are set; a note says
// which are skipped. A key IndexNow would refuse is an error before
// anything is sent.
func pushServices(opts *PushOptions, base string, out *push.Output) ([]push.Service, error) {
	sender := opts.Sender
	if sender.UserAgent == "" {
		sender.UserAgent = "bulletin/" + Version()
	}
	var services []push.Service
	if token := strings.TrimSpace(os.Getenv(BaiduTokenEnv)); token != "" {
		site, err := push.BaiduSite(base)
		if err != nil {
			return nil, err
		}
		services = append(services, &push.Baidu{Endpoint: os.Getenv(BaiduEndpointEnv), Site: site, Token: token, Sender: sender})
	} else {
		fmt.Fprintf(opts.IO.Err, "bulletin: baidu: skipped: $%s is not set\n", BaiduTokenEnv)
	}
	if key := strings.TrimSpace(os.Getenv(IndexNowKeyEnv)); key != "" {
		if err := push.CheckIndexNowKey(key); err != nil {
			return nil, fmt.Errorf("$%s: not an IndexNow key: %v", IndexNowKeyEnv, err)
		}
		n := &push.IndexNow{Endpoint: os.Getenv(IndexNowEndpointEnv), Base: base, Key: key, Sender: sender}
		if !out.Lists(n.KeyFile()) {
			fmt.Fprintf(opts.IO.Err, "bulletin: warning: indexnow: the output has no key file (<key>.txt at its root): IndexNow refuses the URLs until the site serves it\n")
		}
		services = append(services, n)
	} else {
		fmt.Fprintf(opts.IO.Err, "bulletin: indexnow: skipped: $%s is not set\n", IndexNowKeyEnv)
	}
	return services, nil
}
