package linkcheck

import (
	"context"
	"sync"
)

// limiter lets at most perHost requests run at once to one host, and at
// most total to all hosts together. A request takes its host's slot
// before a shared one, so requests queued behind a busy host never hold
// the slots that requests to idle hosts could use.
type limiter struct {
	perHost int
	total   chan struct{}

	mu    sync.Mutex
	hosts map[string]chan struct{}
}

func newLimiter(perHost, total int) *limiter {
	return &limiter{perHost: perHost, total: make(chan struct{}, total), hosts: map[string]chan struct{}{}}
}

// acquire waits for a slot for host and returns the function that gives
// it back, or ctx's error if ctx ends first.
func (l *limiter) acquire(ctx context.Context, host string) (release func(), err error) {
	l.mu.Lock()
	h, ok := l.hosts[host]
	if !ok {
		h = make(chan struct{}, l.perHost)
		l.hosts[host] = h
	}
	l.mu.Unlock()
	select {
	case h <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	select {
	case l.total <- struct{}{}:
	case <-ctx.Done():
		<-h
		return nil, ctx.Err()
	}
	return func() { <-l.total; <-h }, nil
}
