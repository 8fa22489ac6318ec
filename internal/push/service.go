package push

import "context"

// A Service submits URLs to one search engine.
type Service interface {
	// Name is the service's key in the record and its name in messages.
	Name() string
	// Submit sends urls, the most wanted first, and says what became
	// of them.
	Submit(ctx context.Context, urls []string) Result
}

// Result is what a service made of the URLs of one push. Those neither
// accepted nor refused wait for the next push.
type Result struct {
	Accepted []string // the URLs the service took
	// Refused are URLs the service answered it will not take (Baidu:
	// not valid, or not of the site). They are tried again next time.
	Refused []string
	// Quota is what the service said is left of its daily quota after
	// this push, or -1 when it has none or did not say.
	Quota int
	// OverQuota is set when the quota stopped the push before the end
	// of urls.
	OverQuota bool
	// Err is why the service stopped taking URLs: it was down, or
	// refused the request.
	Err error
}
