package server

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// message is one Server-Sent Event.
type message struct {
	event, data string
}

// hub fans messages out to every open event stream. A client holds at
// most one undelivered message: a newer one replaces it, so a slow or
// stalled tab never blocks the others.
type hub struct {
	mu      sync.Mutex
	clients map[*client]bool
	closed  bool
	max     int  // streams at once, 0 for any number
	warned  bool // the cap was reported and streams have not fallen to half since
}

type client struct {
	ch   chan message // capacity 1
	done chan struct{}
}

func newHub() *hub { return &hub{clients: map[*client]bool{}} }

var (
	errHubClosed = errors.New("shutting down")
	errHubFull   = errors.New("too many live-reload streams")
)

// add opens a stream, unless the hub is closed or full. warn is true for
// the first refusal since the hub was last at half its cap.
func (h *hub) add() (c *client, warn bool, err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, false, errHubClosed
	}
	if h.max > 0 && len(h.clients) >= h.max {
		warn, h.warned = !h.warned, true
		return nil, warn, errHubFull
	}
	c = &client{ch: make(chan message, 1), done: make(chan struct{})}
	h.clients[c] = true
	return c, false, nil
}

func (h *hub) remove(c *client) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.clients, c)
	if len(h.clients) <= h.max/2 {
		h.warned = false
	}
}

func (h *hub) setMax(n int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.max = n
}

// send delivers m to every client without blocking.
func (h *hub) send(m message) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		c.offer(m)
	}
}

func (c *client) offer(m message) {
	for {
		select {
		case c.ch <- m:
			return
		default:
		}
		select { // full: drop the older message and try again
		case <-c.ch:
		default:
		}
	}
}

// close ends every stream (on shutdown).
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return
	}
	h.closed = true
	for c := range h.clients {
		close(c.done)
	}
}

// keepAlive is how often an idle stream gets a comment line, so proxies
// and the browser keep it open.
const keepAlive = 20 * time.Second

// events serves the live-reload stream.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	if !s.hosts.originAllowed(r.Header.Get("Origin")) {
		http.Error(w, "bulletin: events are for pages of this server only", http.StatusForbidden)
		return
	}
	c, warn, err := s.hub.add()
	if warn {
		s.log.Warn("preview server: " + strconv.Itoa(s.Limits.Streams) + " live-reload streams open, its limit: more tabs get no live reload until some close")
	}
	if err != nil {
		// A browser does not retry an event stream refused this way: the
		// tab still shows the page, without live reload.
		http.Error(w, "bulletin: "+err.Error(), http.StatusServiceUnavailable)
		return
	}
	defer s.hub.remove(c)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Connection", "keep-alive")
	rc := http.NewResponseController(w)
	// send writes one message under a fresh deadline, so a stream quiet
	// for long is not cut by the last one, and a tab that no longer reads
	// ends its stream.
	send := func(text string) bool {
		s.writeDeadline(w)
		if _, err := io.WriteString(w, text); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	w.WriteHeader(http.StatusOK)
	if f := s.fail.Load(); f != nil { // a tab opened while the build is broken
		c.offer(s.errorMessage(*f))
	}
	if !send("retry: 500\n\n") {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case m := <-c.ch:
			if !send("event: " + m.event + "\ndata: " + m.data + "\n\n") {
				return
			}
		case <-tick.C:
			if !send(": keep-alive\n\n") {
				return
			}
		case <-c.done:
			return
		case <-r.Context().Done():
			return
		}
	}
}
