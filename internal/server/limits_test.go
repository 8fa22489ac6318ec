package server

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"testing"
	"time"
)

// serveLoopback runs s on a fresh 127.0.0.1 listener until the test ends
// and returns the listener's address.
func serveLoopback(t *testing.T, limits Limits, files MapFiles) (*Server, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(ln.Addr().String(), nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Limits = limits
	s.Publish(NewSnapshot(files), nil)
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-served:
		case <-time.After(10 * time.Second):
			t.Error("Serve did not stop")
		}
	})
	return s, ln.Addr().String()
}

// keptAlive opens a connection, makes one request on it and leaves it
// open and idle, as a browser (or someone holding connections) does.
func keptAlive(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(c, "GET / HTTP/1.1\r\nHost: "+addr+"\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	c.SetDeadline(time.Time{})
	return c
}

// closedWithin reports whether the server closed c (a read sees EOF or a
// reset) before d passed.
func closedWithin(c net.Conn, d time.Duration) bool {
	c.SetReadDeadline(time.Now().Add(d))
	_, err := c.Read(make([]byte, 1))
	var ne net.Error
	return err != nil && !(errors.As(err, &ne) && ne.Timeout()) && !errors.Is(err, os.ErrDeadlineExceeded)
}

// TestIdleConnectionsClosed: a connection kept alive with nothing to ask
// is closed after the idle timeout, so idle ones cannot pile up.
func TestIdleConnectionsClosed(t *testing.T) {
	limits := DefaultLimits()
	limits.Idle = 200 * time.Millisecond
	_, addr := serveLoopback(t, limits, MapFiles{"index.html": []byte("home")})
	conns := make([]net.Conn, 20)
	for i := range conns {
		conns[i] = keptAlive(t, addr)
	}
	for i, c := range conns {
		if !closedWithin(c, 5*time.Second) {
			t.Fatalf("idle connection %d still open 5 s after an idle timeout of %s", i, limits.Idle)
		}
	}
}
