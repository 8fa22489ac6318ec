// Package server is the preview server of `bulletin serve`: it serves one
// immutable snapshot of a build's output from memory and tells open
// browser tabs to reload when a new snapshot is published.
//
// Safety: only files of the current snapshot are served,
// from memory, so no request can reach the disk; a path is decoded once
// (by net/http), and one holding "..", an encoded slash, a backslash or
// NUL is refused with 400. Requests whose Host is not the address the
// server listens on (or localhost) get 403, which defeats DNS rebinding;
// the live-reload endpoint also checks Origin. Limits bound the
// connections and event streams clients can hold, so a client on the
// network cannot use up the descriptors the author's browser needs. A
// failed rebuild keeps the last good snapshot served and shows the error
// over the page.
//
// Live reload is a standard-library Server-Sent Events stream. Every HTML
// page gets a small script before </body>. A send never blocks: a slow
// tab keeps only the newest message. The server never writes to disk.
package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"html"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync/atomic"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/mediatype"
)

// Files is one build's output by output-relative path. Get returns an
// error matching fs.ErrNotExist for a file the output does not have; Has
// answers without producing the file (a session renders pages on demand).
type Files interface {
	Get(name string) ([]byte, error)
	Has(name string) bool
}

// Snapshot is one build's output. It is never modified after Publish.
type Snapshot struct {
	files Files
}

// NewSnapshot wraps files; they must not change afterwards.
func NewSnapshot(files Files) *Snapshot { return &Snapshot{files: files} }

// Limits bound what the clients of a server can hold. A preview bound to
// a network address answers anyone there, so none of them may take the
// connections or file descriptors the author's own browser needs.
type Limits struct {
	// ReadHeader is how long a client has to send a request's headers.
	ReadHeader time.Duration
	// Idle is how long a kept-alive connection may wait for its next
	// request before the server closes it.
	Idle time.Duration
	// Stall is how long one write of a response may wait on a client
	// that does not read. Each part of a large file, and each message of
	// an event stream, gets this long anew, so a slow client is served
	// and an open stream never times out.
	Stall time.Duration
	// Conns caps open connections. At the cap the one quiet longest is
	// closed to make room; when all are busy new ones wait. 0: no cap.
	Conns int
	// Streams caps open live-reload streams (one per open tab); beyond
	// it a tab gets 503 and no live reload. 0: no cap.
	Streams int
}

// DefaultLimits are the limits of `bulletin serve`: generous for one
// author's browser tabs.
func DefaultLimits() Limits {
	return Limits{
		ReadHeader: 10 * time.Second,
		Idle:       60 * time.Second,
		Stall:      30 * time.Second,
		Conns:      256,
		Streams:    64,
	}
}

// Server serves snapshots and pushes reloads.
type Server struct {
	// Limits apply from the next Serve; New sets DefaultLimits.
	Limits Limits

	log   *slog.Logger
	snap  atomic.Pointer[Snapshot]
	fail  atomic.Pointer[string] // the current build error, or nil
	hub   *hub
	hosts hostCheck
}

// New makes a server for a listener at addr (host:port, as it was bound).
func New(addr string, log *slog.Logger) (*Server, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	hosts, err := newHostCheck(addr)
	if err != nil {
		return nil, err
	}
	return &Server{Limits: DefaultLimits(), log: log, hub: newHub(), hosts: hosts}, nil
}

// Publish makes snap the served site and tells the browsers what changed:
// a change of stylesheets alone swaps them in place, any other change
// reloads, no change just clears a shown error.
func (s *Server) Publish(snap *Snapshot, changed []string) {
	s.snap.Store(snap)
	hadError := s.fail.Swap(nil) != nil
	switch {
	case len(changed) == 0:
		if hadError {
			s.hub.send(message{event: "ok", data: "{}"})
		}
	case cssOnly(changed) && !hadError:
		data, _ := json.Marshal(changed)
		s.hub.send(message{event: "css", data: string(data)})
	default:
		s.hub.send(message{event: "reload", data: "{}"})
	}
}

// Fail shows err over every open page and keeps the last good site served,
// if a build has succeeded yet.
func (s *Server) Fail(err error) {
	text := err.Error()
	s.fail.Store(&text)
	s.hub.send(s.errorMessage(text))
}

// errorMessage tells the pages of a failed build, and whether a site
// stands behind the error (a tab opened before the first build worked
// has none).
func (s *Server) errorMessage(text string) message {
	data, _ := json.Marshal(struct {
		Message string `json:"message"`
		Site    bool   `json:"site"`
	}{text, s.snap.Load() != nil})
	return message{event: "error", data: string(data)}
}

// noSiteYet heads the error of a build that failed before any worked.
const noSiteYet = "bulletin: the build failed, and there is no site to show yet: fix the errors below and save; this page reloads once the site builds."

func cssOnly(changed []string) bool {
	for _, p := range changed {
		if path.Ext(p) != ".css" {
			return false
		}
	}
	return true
}

// Serve answers on ln until ctx ends, then drains open requests.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	s.hub.setMax(s.Limits.Streams)
	var connState func(net.Conn, http.ConnState)
	if s.Limits.Conns > 0 {
		limit := newConnLimit(ln, s.Limits.Conns, s.log)
		ln, connState = limit, limit.state
	}
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: s.Limits.ReadHeader,
		IdleTimeout:       s.Limits.Idle,
		WriteTimeout:      s.Limits.Stall, // extended by each write that may take long: see writeDeadline
		ConnState:         connState,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	s.hub.close() // ends the event streams so Shutdown need not wait for them
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	err := srv.Shutdown(shutdownCtx)
	if e := <-done; !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	return err
}

// EventsPath is the live-reload endpoint.
const EventsPath = "/__bulletin/events"

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if !s.hosts.allowed(r.Host) {
		http.Error(w, "bulletin: this preview server answers only to its own address", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path == EventsPath {
		s.events(w, r)
		return
	}
	name, ok := cleanPath(r)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	snap := s.snap.Load()
	if snap == nil {
		s.serveNoSite(w)
		return
	}
	if snap.files.Has(name) {
		s.serveFromSnapshot(w, r, snap, name, http.StatusOK)
		return
	}
	// "/news" for the folder "/news/": redirect as static servers do.
	// name is decoded: escaped again, a folder named "q?x" or "pct%41"
	// is where the browser goes, not a query or another folder.
	if !strings.HasSuffix(name, "index.html") && snap.files.Has(name+"/index.html") {
		to := (&url.URL{Path: "/" + name + "/"}).EscapedPath()
		http.Redirect(w, r, to, http.StatusMovedPermanently)
		return
	}
	if snap.files.Has("404.html") {
		s.serveFromSnapshot(w, r, snap, "404.html", http.StatusNotFound)
		return
	}
	http.Error(w, "404 page not found", http.StatusNotFound)
}

// serveFromSnapshot serves a file the snapshot has.
func (s *Server) serveFromSnapshot(w http.ResponseWriter, r *http.Request, snap *Snapshot, name string, status int) {
	body, err := snap.files.Get(name)
	if err != nil {
		s.log.Error("serving "+name, "error", err)
		http.Error(w, "bulletin: "+err.Error(), http.StatusInternalServerError)
		return
	}
	s.serveFile(w, r, name, body, status)
}

// cleanPath turns a request into a snapshot name, or refuses it. The path
// was decoded once by net/http; the raw form is checked for encodings
// that would decode into separators or traversal.
func cleanPath(r *http.Request) (string, bool) {
	raw := strings.ToLower(r.URL.EscapedPath())
	for _, bad := range []string{"%2f", "%5c", "%00", "\\"} {
		if strings.Contains(raw, bad) {
			return "", false
		}
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." {
			return "", false
		}
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if strings.HasSuffix(p, "/") {
		if name != "" {
			name += "/"
		}
		name += "index.html"
	}
	return name, true
}

func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, name string, body []byte, status int) {
	ctype := mediatype.Of(name)
	w.Header().Set("Content-Type", ctype)
	if strings.HasPrefix(ctype, "text/html") {
		body = injectScript(body)
	}
	s.writeDeadline(w)
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		return
	}
	for len(body) > 0 {
		n := min(len(body), writeChunk)
		s.writeDeadline(w)
		if _, err := w.Write(body[:n]); err != nil {
			return
		}
		body = body[n:]
	}
}

// writeChunk is how much of a file is written under one deadline: a
// client that reads it within Limits.Stall gets the next.
const writeChunk = 64 << 10

// writeDeadline gives the next write of w Limits.Stall from now. Without
// it a client that no longer reads would hold its connection busy for ever,
// out of reach of the connection cap, and one that has not read for a
// while (an event stream between messages) would have its next write fail.
func (s *Server) writeDeadline(w http.ResponseWriter) {
	if s.Limits.Stall > 0 {
		_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(s.Limits.Stall))
	}
}

// serveNoSite answers while no build has succeeded yet: the error, and
// the script that reloads once a build works.
func (s *Server) serveNoSite(w http.ResponseWriter) {
	msg := "bulletin: building…"
	if f := s.fail.Load(); f != nil {
		msg = noSiteYet + "\n\n" + *f
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusServiceUnavailable)
	page := "<!doctype html><meta charset=utf-8><title>bulletin</title><pre style=\"white-space:pre-wrap;font:14px/1.5 monospace;padding:1em\">" +
		html.EscapeString(msg) + "</pre>"
	_, _ = w.Write(injectScript([]byte(page)))
}

// injectScript puts the live-reload script before the last </body>, or
// at the end when there is none.
func injectScript(page []byte) []byte {
	i := bytes.LastIndex(bytes.ToLower(page), []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(reloadScript))
	out = append(out, page[:i]...)
	out = append(out, reloadScript...)
	return append(out, page[i:]...)
}
