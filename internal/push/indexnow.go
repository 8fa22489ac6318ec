package push

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
)

// IndexNowEndpoint is IndexNow's shared endpoint: it passes the URLs on
// to every search engine that takes part.
const IndexNowEndpoint = "https://api.indexnow.org/indexnow"

// indexNowBatch is the most URLs IndexNow takes in one request.
const indexNowBatch = 10000

// IndexNow submits URLs by the IndexNow protocol: JSON naming the host,
// the key and where the site serves it.
type IndexNow struct {
	Endpoint string // IndexNowEndpoint when empty
	Base     string // the site's base URL: the host, and the key file's place
	Key      string // checked with CheckIndexNowKey
	Sender   Sender
}

// CheckIndexNowKey reports whether key is one IndexNow takes: 8 to 128
// letters a-z and A-Z, digits and dashes.
func CheckIndexNowKey(key string) error {
	if len(key) < 8 || len(key) > 128 {
		return fmt.Errorf("want 8 to 128 characters, got %d", len(key))
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return errors.New("want only letters a-z and A-Z, digits and dashes")
		}
	}
	return nil
}

// KeyFile is the file of the output that must hold the key, where
// KeyLocation says it is.
func (n *IndexNow) KeyFile() string { return n.Key + ".txt" }

// KeyLocation is the URL of the key file.
func (n *IndexNow) KeyLocation() string { return n.Base + n.KeyFile() }

// Name is "indexnow".
func (n *IndexNow) Name() string { return "indexnow" }

// Submit sends urls in order, as many in each request as IndexNow
// takes. It stops at the first refusal: the rest wait for the next push.
func (n *IndexNow) Submit(ctx context.Context, urls []string) Result {
	res := Result{Quota: -1}
	if err := CheckIndexNowKey(n.Key); err != nil {
		res.Err = fmt.Errorf("key: %w", err)
		return res
	}
	u, err := url.Parse(n.Base)
	if err != nil || u.Host == "" {
		res.Err = fmt.Errorf("base URL %q: want an absolute URL", n.Base)
		return res
	}
	endpoint := n.Endpoint
	if endpoint == "" {
		endpoint = IndexNowEndpoint
	}
	for len(urls) > 0 {
		batch := urls[:min(indexNowBatch, len(urls))]
		body, err := json.Marshal(struct {
			Host        string   `json:"host"`
			Key         string   `json:"key"`
			KeyLocation string   `json:"keyLocation"`
			URLList     []string `json:"urlList"`
		}{u.Host, n.Key, n.KeyLocation(), batch})
		if err != nil {
			res.Err = err
			return res
		}
		a, err := n.Sender.post(ctx, endpoint, "application/json; charset=utf-8", body)
		if err != nil {
			res.Err = err
			return res
		}
		if a.status != http.StatusOK && a.status != http.StatusAccepted {
			res.Err = indexNowError(a.status, n.Base)
			return res
		}
		res.Accepted = append(res.Accepted, batch...)
		urls = urls[len(batch):]
	}
	return res
}

// indexNowError says what a status means, as the protocol defines it.
// It does not show the key, which the site publishes only under its name.
func indexNowError(status int, base string) error {
	why := ""
	switch status {
	case http.StatusBadRequest:
		why = "the request is not in IndexNow's format"
	case http.StatusForbidden:
		why = "the key is not valid: the site does not serve it as " + base + "<key>.txt"
	case http.StatusUnprocessableEntity:
		why = "a URL is not of the host, or the key does not match the protocol's format"
	case http.StatusTooManyRequests:
		why = "too many requests: IndexNow takes this for spam; push less often"
	default:
		return errors.New(httpStatus(status))
	}
	return fmt.Errorf("%s: %s", httpStatus(status), why)
}
