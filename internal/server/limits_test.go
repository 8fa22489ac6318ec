package server

import (
	"bufio"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/lockedbuf"
)

// serveLoopback runs s on a fresh 127.0.0.1 listener until the test ends
// and returns the listener's address.
func serveLoopback(t *testing.T, limits Limits, files MapFiles, log *slog.Logger) (*Server, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(ln.Addr().String(), log)
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
	_, addr := serveLoopback(t, limits, MapFiles{"index.html": []byte("home")}, nil)
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

// TestConnectionCap: whoever holds connections open, kept alive or never
// sending a request, the server keeps at most Conns of them and still
// answers a browser at once, by closing the quietest.
func TestConnectionCap(t *testing.T) {
	limits := DefaultLimits()
	limits.Conns = 8
	limits.Idle = time.Minute // only the cap may close anything here
	limits.ReadHeader = time.Minute
	var logged lockedbuf.Buffer
	_, addr := serveLoopback(t, limits, MapFiles{"index.html": []byte("home")}, slog.New(slog.NewTextHandler(&logged, nil)))

	var held []net.Conn
	for range limits.Conns {
		held = append(held, keptAlive(t, addr))
	}
	for range limits.Conns { // connected, sending nothing
		c, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		held = append(held, c)
	}
	for range 30 { // each answered within keptAlive's 5 s
		held = append(held, keptAlive(t, addr))
	}

	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{}}
	res, err := client.Get("http://" + addr + "/")
	if err != nil {
		t.Fatalf("a browser's request at the cap: %v", err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(string(body), "home") {
		t.Errorf("a browser's request at the cap: %d %q", res.StatusCode, body)
	}

	var wg sync.WaitGroup
	var mu sync.Mutex
	open := 0
	for _, c := range held {
		wg.Go(func() {
			if !closedWithin(c, 2*time.Second) {
				mu.Lock()
				open++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if open > limits.Conns-1 { // the browser's connection holds one
		t.Errorf("%d of %d held connections still open, cap %d", open, len(held), limits.Conns)
	}
	if n := strings.Count(logged.String(), "connections open, its limit"); n != 1 {
		t.Errorf("the cap was reported %d times, want once:\n%s", n, logged.String())
	}
}

// TestConnectionCapWaits: when every connection is busy (event streams
// here) a new one waits for one to close, then is answered.
func TestConnectionCapWaits(t *testing.T) {
	limits := DefaultLimits()
	limits.Conns = 4
	var logged lockedbuf.Buffer
	_, addr := serveLoopback(t, limits, MapFiles{"index.html": []byte("home")}, slog.New(slog.NewTextHandler(&logged, nil)))
	base := "http://" + addr
	var streams []*http.Response
	for range limits.Conns {
		streams = append(streams, openStream(t, base))
	}

	done := make(chan error, 1)
	go func() {
		client := &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{}}
		res, err := client.Get(base + "/")
		if err == nil {
			res.Body.Close()
		}
		done <- err
	}()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(logged.String(), "connections open, its limit") {
		if time.Now().After(deadline) {
			t.Fatal("no word of the cap while every connection is busy")
		}
		time.Sleep(5 * time.Millisecond)
	}
	select {
	case err := <-done:
		t.Fatalf("answered with every connection busy (err %v)", err)
	default:
	}
	streams[0].Body.Close()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("still waiting 10 s after a connection closed")
	}
}

// openStream opens a live-reload stream as a page of base would and
// reads its first line.
func openStream(t *testing.T, base string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+EventsPath, nil)
	req.Header.Set("Origin", base)
	client := &http.Client{Transport: &http.Transport{}} // a connection of its own
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	if res.StatusCode != http.StatusOK {
		return res
	}
	if line, _ := bufio.NewReader(res.Body).ReadString('\n'); !strings.HasPrefix(line, "retry:") {
		t.Fatalf("first line %q", line)
	}
	return res
}

// TestStreamCap: live-reload streams beyond Streams get 503, and a
// closed one makes room again.
func TestStreamCap(t *testing.T) {
	limits := DefaultLimits()
	limits.Streams = 2
	var logged lockedbuf.Buffer
	s, addr := serveLoopback(t, limits, MapFiles{"index.html": []byte("home")}, slog.New(slog.NewTextHandler(&logged, nil)))
	base := "http://" + addr
	first := openStream(t, base)
	openStream(t, base)
	for range 3 {
		if res := openStream(t, base); res.StatusCode != http.StatusServiceUnavailable {
			t.Fatalf("stream beyond the cap: %d, want 503", res.StatusCode)
		}
	}
	if n := strings.Count(logged.String(), "live-reload streams open, its limit"); n != 1 {
		t.Errorf("the cap was reported %d times, want once:\n%s", n, logged.String())
	}
	// The page itself is still served.
	res, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("page at the stream cap: %d", res.StatusCode)
	}
	first.Body.Close()
	waitClients(t, s, 1)
	if res := openStream(t, base); res.StatusCode != http.StatusOK {
		t.Errorf("stream after one closed: %d", res.StatusCode)
	}
}

// TestStalledReaderLetGo: a client that asks for a large file and then
// reads nothing loses its connection after Stall, so it cannot keep it busy
// beyond the connection cap's reach.
func TestStalledReaderLetGo(t *testing.T) {
	limits := DefaultLimits()
	limits.Conns = 1 // the stalled connection takes the only one
	limits.Stall = 200 * time.Millisecond
	big := make([]byte, 64<<20) // more than both ends' socket buffers hold
	_, addr := serveLoopback(t, limits, MapFiles{"index.html": []byte("home"), "big.bin": big}, nil)
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := io.WriteString(c, "GET /big.bin HTTP/1.1\r\nHost: "+addr+"\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	status, err := bufio.NewReaderSize(c, 16).ReadString('\n') // the response has begun: the connection is busy
	if err != nil || status != "HTTP/1.1 200 OK\r\n" {
		t.Fatalf("status line %q, %v", status, err)
	}
	c.SetReadDeadline(time.Time{})
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{}}
	res, err := client.Get("http://" + addr + "/")
	if err != nil {
		t.Fatalf("while a client stalls a large response: %v", err)
	}
	res.Body.Close()
	if n, _ := io.Copy(io.Discard, c); n >= int64(len(big)) {
		t.Errorf("the stalled client got all %d bytes", n)
	}
}

// TestStreamOutlivesStall: an event stream quiet for longer than Stall
// still delivers the next reload.
func TestStreamOutlivesStall(t *testing.T) {
	limits := DefaultLimits()
	limits.Stall = 100 * time.Millisecond
	s, addr := serveLoopback(t, limits, MapFiles{"index.html": []byte("v1")}, nil)
	res := openStream(t, "http://"+addr)
	waitClients(t, s, 1)
	time.Sleep(5 * limits.Stall)
	s.Publish(NewSnapshot(MapFiles{"index.html": []byte("v2")}), []string{"index.html"})
	got := make(chan string, 1)
	go func() {
		r := bufio.NewReader(res.Body)
		for {
			line, err := r.ReadString('\n')
			if err != nil || strings.HasPrefix(line, "event: ") {
				got <- line
				return
			}
		}
	}()
	select {
	case line := <-got:
		if line != "event: reload\n" {
			t.Errorf("after a quiet spell the stream read %q", line)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no reload 5 s after a publish")
	}
}
