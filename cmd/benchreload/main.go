// Command benchreload measures the edit-to-reload latency of `bulletin
// serve`: it starts the server on a site, opens the live-reload stream as
// a browser tab would, appends a sentence to an article's body N times,
// and times each file write until the "reload" event arrives. It prints
// the median and the 90th percentile, and the server's memory. It edits
// the article in place and writes its original bytes back at the end; run
// it on a copy of a site, never on one whose history matters.
//
//	go build -o /tmp/bulletin ./cmd/bulletin
//	go run ./cmd/benchreload -bulletin /tmp/bulletin -site /tmp/site10k -n 20
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

func main() {
	bin := flag.String("bulletin", "bulletin", "the bulletin binary")
	site := flag.String("site", ".", "the site to serve (it is edited: use a copy)")
	n := flag.Int("n", 20, "number of edits")
	article := flag.String("article", "", "the article to edit (default: the first .md under content/ that is not _index.md)")
	flag.Parse()
	if err := run(*bin, *site, *article, *n); err != nil {
		fmt.Fprintln(os.Stderr, "benchreload:", err)
		os.Exit(1)
	}
}

func run(bin, site, article string, n int) error {
	if article == "" {
		var err error
		if article, err = firstArticle(site); err != nil {
			return err
		}
	}
	port, err := freePort()
	if err != nil {
		return err
	}
	cmd := exec.Command(bin, "serve", "--source", site, "--port", strconv.Itoa(port))
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() { _ = cmd.Process.Signal(os.Interrupt); _ = cmd.Wait() }()
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	if err := waitUp(base + "/"); err != nil {
		return err
	}
	fmt.Printf("first build and serve: %s\n", time.Since(start).Round(time.Millisecond))

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events, err := stream(ctx, base+"/__bulletin/events")
	if err != nil {
		return err
	}
	original, err := os.ReadFile(article)
	if err != nil {
		return err
	}
	defer os.WriteFile(article, original, 0o644)
	var took []time.Duration
	for i := range n {
		text := fmt.Sprintf("%s\nEdit number %d for the latency benchmark.\n", original, i)
		t0 := time.Now()
		if err := os.WriteFile(article, []byte(text), 0o644); err != nil {
			return err
		}
		select {
		case ev := <-events:
			if ev != "reload" {
				return fmt.Errorf("edit %d: event %q, want reload", i, ev)
			}
			took = append(took, time.Since(t0))
		case <-time.After(30 * time.Second):
			return errors.New("no reload event within 30s")
		}
		time.Sleep(150 * time.Millisecond) // let the server settle, as an author's next save would
	}
	sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
	fmt.Printf("edit to reload event, %d edits: median %s, p90 %s, min %s, max %s\n", n,
		took[len(took)/2].Round(time.Millisecond), took[len(took)*9/10].Round(time.Millisecond),
		took[0].Round(time.Millisecond), took[len(took)-1].Round(time.Millisecond))
	if rss, hwm, err := memory(cmd.Process.Pid); err == nil {
		fmt.Printf("serve memory: resident %s, peak %s\n", rss, hwm)
	}
	return nil
}

func firstArticle(site string) (string, error) {
	var found string
	err := filepath.WalkDir(filepath.Join(site, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && found == "" && !d.IsDir() && strings.HasSuffix(p, ".md") && d.Name() != "_index.md" {
			if b, err := os.ReadFile(p); err == nil && !strings.Contains(string(b), "draft: true") {
				found = p
			}
		}
		return nil
	})
	if found == "" && err == nil {
		err = errors.New("no article under content/")
	}
	return found, err
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

func waitUp(url string) error {
	deadline := time.Now().Add(5 * time.Minute)
	for time.Now().Before(deadline) {
		if res, err := http.Get(url); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("%s never answered", url)
}

// stream opens the event stream and sends each event's name.
func stream(ctx context.Context, url string) (<-chan string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	out := make(chan string, 16)
	go func() {
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			if name, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				out <- name
			}
		}
	}()
	return out, nil
}

// memory reads the resident and peak memory of a process (Linux).
func memory(pid int) (rss, hwm string, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "", "", err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			rss = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			hwm = strings.TrimSpace(v)
		}
	}
	return rss, hwm, nil
}
