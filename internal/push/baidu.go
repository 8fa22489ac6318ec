package push

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// BaiduEndpoint is Baidu's link submission API.
const BaiduEndpoint = "http://data.zz.baidu.com/urls"

// baiduBatch is the most URLs Baidu takes in one request.
const baiduBatch = 2000

// Baidu submits URLs to Baidu's link submission API: text, one URL a
// line, for the site as Baidu's webmaster platform registered it.
type Baidu struct {
	Endpoint string // BaiduEndpoint when empty
	Site     string // see BaiduSite
	Token    string
	Sender   Sender
}

// BaiduSite is the site parameter Baidu's platform gives for a base URL:
// the host alone for an http site ("news.example.com"), with its scheme
// for an https one ("https://news.example.com").
func BaiduSite(base string) (string, error) {
	u, err := url.Parse(base)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("base URL %q: want an absolute URL", base)
	}
	if u.Scheme == "https" {
		return "https://" + u.Host, nil
	}
	return u.Host, nil
}

// Name is "baidu".
func (b *Baidu) Name() string { return "baidu" }

// baiduAnswer is Baidu's reply: the counts, or an error and its message.
type baiduAnswer struct {
	Remain      *int     `json:"remain"`
	Success     int      `json:"success"`
	NotSameSite []string `json:"not_same_site"`
	NotValid    []string `json:"not_valid"`
	Error       int      `json:"error"`
	Message     string   `json:"message"`
}

// Submit sends urls in order. Baidu says what is left of the day's quota
// only in its answers, so the first request carries one URL, the most
// wanted: its answer sizes the others, and a push never asks for more
// than is left (Baidu refuses a whole request that would go over).
func (b *Baidu) Submit(ctx context.Context, urls []string) Result {
	res := Result{Quota: -1}
	size := 1
	for len(urls) > 0 {
		n := min(size, len(urls))
		if res.Quota >= 0 {
			n = min(n, res.Quota)
		}
		if n == 0 {
			res.OverQuota = true
			break
		}
		ans, err := b.send(ctx, urls[:n])
		if err != nil {
			res.Err = err
			break
		}
		if ans.Error != 0 || ans.Remain == nil {
			if strings.Contains(ans.Message, "over quota") {
				res.Quota, res.OverQuota = 0, true
				break
			}
			res.Err = baiduError(ans)
			break
		}
		accepted, refused := baiduSplit(urls[:n], ans)
		if ans.Success < len(accepted) {
			// Baidu took fewer than it refused none of, without saying
			// which: none is recorded, all are sent again next time.
			refused = append(refused, accepted...)
			accepted = nil
		}
		res.Accepted = append(res.Accepted, accepted...)
		res.Refused = append(res.Refused, refused...)
		res.Quota = max(*ans.Remain, 0)
		urls = urls[n:]
		size = baiduBatch
	}
	return res
}

// baiduSplit divides a request's URLs into those Baidu took and those it
// listed as not of the site or not valid.
func baiduSplit(sent []string, ans baiduAnswer) (accepted, refused []string) {
	bad := map[string]bool{}
	for _, u := range ans.NotSameSite {
		bad[u] = true
	}
	for _, u := range ans.NotValid {
		bad[u] = true
	}
	for _, u := range sent {
		if bad[u] {
			refused = append(refused, u)
		} else {
			accepted = append(accepted, u)
		}
	}
	return accepted, refused
}

// send posts one request and reads its answer; an error when no answer
// came, or one that is not Baidu's.
func (b *Baidu) send(ctx context.Context, urls []string) (baiduAnswer, error) {
	endpoint := b.Endpoint
	if endpoint == "" {
		endpoint = BaiduEndpoint
	}
	q := url.Values{"site": {b.Site}, "token": {b.Token}}
	sep := "?"
	if strings.Contains(endpoint, "?") {
		sep = "&"
	}
	a, err := b.Sender.post(ctx, endpoint+sep+q.Encode(), "text/plain", []byte(strings.Join(urls, "\n")+"\n"))
	if err != nil {
		return baiduAnswer{}, err
	}
	var ans baiduAnswer
	if jerr := json.Unmarshal(a.body, &ans); jerr != nil {
		return baiduAnswer{}, fmt.Errorf("%s: %s", httpStatus(a.status), snippet(a.body))
	}
	if a.status != http.StatusOK && ans.Error == 0 {
		ans.Error = a.status
	}
	return ans, nil
}

// baiduError says what a refusal means, in Baidu's words and ours.
func baiduError(ans baiduAnswer) error {
	msg := ans.Message
	switch {
	case ans.Error == 0 && ans.Remain == nil:
		return fmt.Errorf("an answer without the quota left: not Baidu's")
	case strings.Contains(msg, "token is not valid"):
		msg += " (check the token; Baidu also says this when pushed to too often)"
	case strings.Contains(msg, "site error"):
		msg += " (the site must be verified on Baidu's webmaster platform as the base URL names it)"
	case msg == "":
		msg = http.StatusText(ans.Error)
	}
	return fmt.Errorf("%d %s", ans.Error, msg)
}

// httpStatus is a status as messages show it: "503 Service Unavailable".
func httpStatus(code int) string {
	return fmt.Sprintf("%d %s", code, http.StatusText(code))
}

// snippet is the start of an answer, for a message.
func snippet(body []byte) string {
	s := strings.ToValidUTF8(strings.TrimSpace(string(body)), "\uFFFD")
	if r := []rune(s); len(r) > 200 {
		s = string(r[:200]) + "…"
	}
	if s == "" {
		return "an empty answer"
	}
	return fmt.Sprintf("%q", s)
}
