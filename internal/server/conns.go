package server

import (
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// connLimit is a listener that serves at most max connections at once
// (one more may wait, accepted, for its turn). At the limit it closes the
// connection that has been quiet longest, one kept alive between requests
// or one that has not finished sending its first request: a browser simply opens another, and whoever holds connections
// without using them loses them to whoever asks. Only when every
// connection is busy (a request being answered, an event stream) does
// Accept wait for one to close; later clients then queue in the kernel's
// backlog instead of taking file descriptors.
//
// http.Server calls Accept from one goroutine; state reports the
// connection states its ConnState hook sees.
type connLimit struct {
	net.Listener
	max int
	log *slog.Logger

	mu     sync.Mutex
	open   map[*limitedConn]struct{}
	warned bool // the limit was reported and open connections have not fallen to half since

	freed     chan struct{} // a connection closed (capacity 1)
	closed    chan struct{}
	closeOnce sync.Once
}

type limitedConn struct {
	net.Conn
	l         *connLimit
	quietFrom time.Time // zero while a request is being answered; guarded by l.mu
	closeOnce sync.Once
}

func newConnLimit(ln net.Listener, max int, log *slog.Logger) *connLimit {
	return &connLimit{
		Listener: ln,
		max:      max,
		log:      log,
		open:     map[*limitedConn]struct{}{},
		freed:    make(chan struct{}, 1),
		closed:   make(chan struct{}),
	}
}

func (l *connLimit) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	lc := &limitedConn{Conn: c, l: l, quietFrom: time.Now()}
	if err := l.admit(lc); err != nil {
		c.Close()
		return nil, err
	}
	return lc, nil
}

// admit counts c among the open connections once there is room, closing
// the quietest one or waiting when none is free. Only a connection that
// has arrived makes room this way, so the newest is never the one closed
// for lack of a request it had no time to send.
func (l *connLimit) admit(c *limitedConn) error {
	for {
		l.mu.Lock()
		if len(l.open) < l.max {
			l.open[c] = struct{}{}
			l.mu.Unlock()
			return nil
		}
		warn := !l.warned
		l.warned = true
		var quietest *limitedConn
		for o := range l.open {
			if !o.quietFrom.IsZero() && (quietest == nil || o.quietFrom.Before(quietest.quietFrom)) {
				quietest = o
			}
		}
		l.mu.Unlock()
		if warn {
			l.log.Warn("preview server: " + strconv.Itoa(l.max) + " connections open, its limit: it closes idle ones to make room, and new ones wait")
		}
		if quietest != nil {
			quietest.Close() // frees its place
			continue
		}
		select {
		case <-l.freed:
		case <-l.closed:
			return net.ErrClosed
		}
	}
}

func (l *connLimit) release(c *limitedConn) {
	l.mu.Lock()
	delete(l.open, c)
	if len(l.open) <= l.max/2 {
		l.warned = false
	}
	l.mu.Unlock()
	select {
	case l.freed <- struct{}{}:
	default:
	}
}

func (l *connLimit) Close() error {
	l.closeOnce.Do(func() { close(l.closed) })
	return l.Listener.Close()
}

// state follows http.Server's view of a connection: only one that is
// idle, or still new, may be closed to make room.
func (l *connLimit) state(c net.Conn, st http.ConnState) {
	lc, ok := c.(*limitedConn)
	if !ok {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	switch st {
	case http.StateIdle:
		lc.quietFrom = time.Now()
	case http.StateActive, http.StateHijacked:
		lc.quietFrom = time.Time{}
	}
}

func (c *limitedConn) Close() error {
	err := c.Conn.Close()
	c.closeOnce.Do(func() { c.l.release(c) })
	return err
}

// CloseWrite lets http.Server half-close before closing, as it does for a
// bare TCP connection, so a client still sending gets its answer rather
// than a reset.
func (c *limitedConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return c.Close()
}
