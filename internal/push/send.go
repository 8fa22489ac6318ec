package push

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// Sender posts requests to a service: each with a timeout, tried again
// after a growing wait when the network failed, the service was busy
// (429) or failed itself (5xx). Its zero value uses the defaults.
type Sender struct {
	Client *http.Client // nil: http.DefaultClient
	// Timeout bounds each request (DefaultTimeout when zero).
	Timeout time.Duration
	// Retries is how many times a request is tried again (DefaultRetries
	// when zero; negative: never).
	Retries int
	// Backoff is the wait before the first retry, doubled before each
	// next one (DefaultBackoff when zero).
	Backoff   time.Duration
	UserAgent string
}

// Defaults of a Sender.
const (
	DefaultTimeout = 30 * time.Second
	DefaultRetries = 3
	DefaultBackoff = time.Second
)

// maxAnswer bounds what is read of an answer: the services answer a few
// lines of JSON.
const maxAnswer = 1 << 20

// answer is a service's reply to one request.
type answer struct {
	status int
	body   []byte
}

// post sends body to endpoint, tries again as Sender says, and returns
// the last answer; an error when no answer came. Messages name the
// endpoint without its query, which may hold a token.
func (s Sender) post(ctx context.Context, endpoint, contentType string, body []byte) (answer, error) {
	retries, wait := s.Retries, s.Backoff
	if retries == 0 {
		retries = DefaultRetries
	}
	if wait <= 0 {
		wait = DefaultBackoff
	}
	for try := 0; ; try++ {
		a, err := s.once(ctx, endpoint, contentType, body)
		if ctx.Err() != nil {
			return answer{}, ctx.Err()
		}
		if (err == nil && !retryable(a.status)) || try >= retries {
			return a, err
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return answer{}, ctx.Err()
		case <-t.C:
		}
		wait *= 2
	}
}

// retryable reports whether an answer's status is worth another try:
// the service was busy or failed, and may not be next time.
func retryable(status int) bool {
	return status == http.StatusTooManyRequests || status >= 500
}

func (s Sender) once(ctx context.Context, endpoint, contentType string, body []byte) (answer, error) {
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return answer{}, fmt.Errorf("%s: %w", withoutQuery(endpoint), unwrapURL(err))
	}
	req.Header.Set("Content-Type", contentType)
	if s.UserAgent != "" {
		req.Header.Set("User-Agent", s.UserAgent)
	}
	client := s.Client
	if client == nil {
		client = http.DefaultClient
	}
	res, err := client.Do(req)
	if err != nil {
		return answer{}, fmt.Errorf("%s: %w", withoutQuery(endpoint), unwrapURL(err))
	}
	defer res.Body.Close()
	data, err := io.ReadAll(io.LimitReader(res.Body, maxAnswer))
	if err != nil {
		return answer{}, fmt.Errorf("%s: reading the answer: %w", withoutQuery(endpoint), err)
	}
	return answer{status: res.StatusCode, body: data}, nil
}

// unwrapURL drops the *url.Error around a client's error: its message
// holds the whole URL, a token too.
func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return errors.New("no answer in time")
		}
		return ue.Err
	}
	return err
}

// withoutQuery is endpoint as messages show it: without its query.
func withoutQuery(endpoint string) string {
	u, err := url.Parse(endpoint)
	if err != nil {
		return "the service"
	}
	u.RawQuery, u.Fragment, u.User = "", "", nil
	return u.String()
}
