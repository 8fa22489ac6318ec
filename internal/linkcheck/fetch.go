package linkcheck

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/sockerr"
)

// bodyLimit is how much of a GET's body is read: enough for a server
// that fails when its client hangs up at once, far less than a page.
const bodyLimit = 4 << 10

// headRefused are the answers to HEAD after which GET is tried: servers
// that do not implement HEAD say 405 or 501, and many that mishandle it
// say 400, 403 or 404 to HEAD alone.
var headRefused = map[int]bool{
	http.StatusBadRequest: true, http.StatusForbidden: true, http.StatusNotFound: true,
	http.StatusMethodNotAllowed: true, http.StatusNotImplemented: true,
}

// runner is one Check's client, limits and settings.
type runner struct {
	client    *http.Client
	limit     *limiter
	timeout   time.Duration
	userAgent string
}

func (c *Checker) runner() *runner {
	client := &http.Client{}
	if c.Client != nil {
		copied := *c.Client
		client = &copied
	}
	// Each hop is asked and counted here: a loop must be told from a
	// long chain, and each hop waits for its own host's turn.
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	client.Jar = nil
	r := &runner{
		client:    client,
		limit:     newLimiter(orDefault(c.PerHost, DefaultPerHost), orDefault(c.Total, DefaultTotal)),
		timeout:   c.Timeout,
		userAgent: c.UserAgent,
	}
	if r.timeout <= 0 {
		r.timeout = DefaultTimeout
	}
	if r.userAgent == "" {
		r.userAgent = "bulletin (link checker)"
	}
	return r
}

func orDefault(n, def int) int {
	if n <= 0 {
		return def
	}
	return n
}

// check asks about one URL: HEAD, then GET if HEAD was refused.
func (r *runner) check(ctx context.Context, u string) Result {
	res := r.follow(ctx, http.MethodHead, u)
	if res.Err == "" && headRefused[res.Status] {
		res = r.follow(ctx, http.MethodGet, u)
	}
	return res
}

// follow asks for u with method and follows its redirects.
func (r *runner) follow(ctx context.Context, method, u string) Result {
	var res Result
	seen := map[string]bool{}
	for hop := 0; ; hop++ {
		seen[u] = true
		status, next, err := r.ask(ctx, method, u)
		if err != nil {
			res.Verdict, res.Status, res.Err = Broken, 0, describe(err, r.timeout)
			return res
		}
		res.Status = status
		if next == "" {
			break
		}
		if hop == 0 {
			res.Redirect = status
		}
		switch {
		case seen[next]:
			res.Verdict, res.Final, res.Err = Broken, "", fmt.Sprintf("redirect loop: %s redirects back to %s", u, next)
			return res
		case hop+1 > MaxRedirects:
			res.Verdict, res.Final, res.Err = Broken, "", "more than "+strconv.Itoa(MaxRedirects)+" redirects"
			return res
		}
		res.Final, u = next, next
	}
	switch {
	case res.Status == http.StatusTooManyRequests:
		res.Verdict = RateLimited
	case res.Status >= 400:
		res.Verdict = Broken
	case res.Final != "":
		res.Verdict = Redirected
	default:
		res.Verdict = OK
	}
	return res
}

// ask sends one request and returns its answer's status and, for a
// redirect, the URL it leads to.
func (r *runner) ask(ctx context.Context, method, u string) (status int, next string, err error) {
	target, err := url.Parse(u)
	if err != nil {
		return 0, "", err
	}
	if target.Scheme != "http" && target.Scheme != "https" {
		return 0, "", errors.New("not an http or https URL")
	}
	release, err := r.limit.acquire(ctx, strings.ToLower(target.Host))
	if err != nil {
		return 0, "", err
	}
	defer release()
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("User-Agent", r.userAgent)
	req.Header.Set("Accept", "*/*")
	resp, err := r.client.Do(req)
	if err != nil {
		return 0, "", err
	}
	// The status is the answer; a little of the body is read so that a
	// server is not cut off before it has begun, its errors ignored.
	if method == http.MethodGet {
		_, _ = io.CopyN(io.Discard, resp.Body, bodyLimit)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if loc == "" || !isRedirect(resp.StatusCode) {
		return resp.StatusCode, "", nil
	}
	to, err := target.Parse(loc)
	if err != nil {
		return 0, "", fmt.Errorf("%s redirects to a bad URL %q", StatusText(resp.StatusCode), loc)
	}
	to.Fragment, to.RawFragment = "", ""
	return resp.StatusCode, to.String(), nil
}

func isRedirect(status int) bool {
	switch status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// describe says what a failed request met, in the words an author can
// act on, without the method and URL the finding names already.
func describe(err error, timeout time.Duration) string {
	var dns *net.DNSError
	switch {
	case errors.Is(err, context.DeadlineExceeded), isTimeout(err):
		return "no answer within " + timeout.String()
	case errors.Is(err, context.Canceled):
		return "not checked: interrupted"
	case errors.As(err, &dns) && dns.IsNotFound:
		return "no such host " + dns.Name
	case sockerr.Refused(err):
		return "connection refused"
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// StatusText is an HTTP status as a person reads it: "404 Not Found".
func StatusText(status int) string {
	if text := http.StatusText(status); text != "" {
		return strconv.Itoa(status) + " " + text
	}
	return strconv.Itoa(status)
}
