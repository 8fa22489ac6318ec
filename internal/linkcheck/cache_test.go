package linkcheck_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/linkcheck"
)

var day1 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

// run checks urls with the cache in dir at the time at, as one
// `bulletin check --external` does, and returns the results.
func run(t *testing.T, dir string, at time.Time, urls ...string) map[string]linkcheck.Result {
	t.Helper()
	cache := linkcheck.OpenCache(dir)
	c := &linkcheck.Checker{Cache: cache, Now: func() time.Time { return at }}
	res := c.Check(context.Background(), urls)
	if err := cache.Save(at); err != nil {
		t.Fatal(err)
	}
	return res
}

// sorted are the requests a site got, in order: the checker asks in
// parallel.
func sorted(site *fakeSite) string {
	r := site.take()
	slices.Sort(r)
	return strings.Join(r, ", ")
}

// A URL that answered, or redirected, is not asked again within a day;
// a failure is asked again on every run.
func TestCacheDay(t *testing.T) {
	site := newFakeSite(t)
	dir := t.TempDir()
	urls := []string{site.URL + "/ok", site.URL + "/moved", site.URL + "/gone", site.URL + "/busy"}
	every := "GET /gone, HEAD /busy, HEAD /gone, HEAD /moved, HEAD /ok, HEAD /ok"
	failures := "GET /gone, HEAD /busy, HEAD /gone"
	for _, step := range []struct {
		at       time.Time
		requests string
		cached   bool
	}{
		{day1, every, false},
		{day1.Add(time.Hour), failures, true},
		{day1.Add(23 * time.Hour), failures, true},
		{day1.Add(25 * time.Hour), every, false},
		{day1.Add(26 * time.Hour), failures, true},
		{day1.Add(-time.Hour), every, false}, // a clock set back: what was checked "later" is not trusted
	} {
		res := run(t, dir, step.at, urls...)
		if got := sorted(site); got != step.requests {
			t.Errorf("at %s: requests %s, want %s", step.at, got, step.requests)
		}
		ok, moved := res[site.URL+"/ok"], res[site.URL+"/moved"]
		if ok.Verdict != linkcheck.OK || ok.Cached != step.cached ||
			moved.Verdict != linkcheck.Redirected || moved.Final != site.URL+"/ok" || moved.Redirect != 301 || moved.Cached != step.cached {
			t.Errorf("at %s: /ok %+v, /moved %+v", step.at, ok, moved)
		}
		if gone := res[site.URL+"/gone"]; gone.Verdict != linkcheck.Broken || gone.Cached {
			t.Errorf("at %s: /gone %+v", step.at, gone)
		}
	}
}

// A cache file that is not one bulletin wrote, or that is cut short, is
// ignored: every URL is asked, and the file is written anew.
func TestCacheCorrupt(t *testing.T) {
	site := newFakeSite(t)
	good := func() []byte {
		dir := t.TempDir()
		run(t, dir, day1, site.URL+"/ok")
		site.take()
		data, err := os.ReadFile(filepath.Join(dir, linkcheck.CacheFile))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}()
	entry := func(key, value string) string {
		return `{"format":"bulletin-external-links-1","urls":{"` + key + `":` + value + `}}`
	}
	for name, text := range map[string]string{
		"empty":                 "",
		"not JSON":              "\x00\xff garbage",
		"cut short":             string(good[:len(good)/2]),
		"null":                  "null",
		"a list":                "[1, 2]",
		"another format":        strings.Replace(string(good), "links-1", "links-0", 1),
		"a failure":             entry(site.URL+"/ok", `{"checked":"2026-03-01T08:00:00Z","status":404}`),
		"no time":               entry(site.URL+"/ok", `{"status":200}`),
		"a time in the future":  entry(site.URL+"/ok", `{"checked":"2026-03-01T11:00:00Z","status":200}`),
		"a redirect to nowhere": entry(site.URL+"/ok", `{"checked":"2026-03-01T08:00:00Z","status":200,"redirect":301}`),
		"a status of nothing":   entry(site.URL+"/ok", `{"checked":"2026-03-01T08:00:00Z","status":0}`),
		"wrong types":           entry(site.URL+"/ok", `{"checked":1,"status":"200"}`),
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, linkcheck.CacheFile)
			if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			if res := run(t, dir, day1.Add(time.Hour), site.URL+"/ok")[site.URL+"/ok"]; res.Verdict != linkcheck.OK || res.Cached {
				t.Errorf("result %+v", res)
			}
			if got := sorted(site); got != "HEAD /ok" {
				t.Errorf("requests %q", got)
			}
			run(t, dir, day1.Add(2*time.Hour), site.URL+"/ok")
			if got := sorted(site); got != "" {
				t.Errorf("the file written anew did not answer: requests %q", got)
			}
		})
	}
}

// A cache whose file cannot be written says so, and the run's results
// stand.
func TestCacheUnwritable(t *testing.T) {
	site := newFakeSite(t)
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, linkcheck.CacheFile), 0o755); err != nil {
		t.Fatal(err)
	}
	cache := linkcheck.OpenCache(dir)
	c := &linkcheck.Checker{Cache: cache, Now: func() time.Time { return day1 }}
	if res := c.Check(context.Background(), []string{site.URL + "/ok"}); res[site.URL+"/ok"].Verdict != linkcheck.OK {
		t.Errorf("result %+v", res)
	}
	if err := cache.Save(day1); err == nil {
		t.Error("Save over a folder succeeded")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".external-links-*")); len(left) > 0 {
		t.Errorf("scratch files left: %v", left)
	}
}

// A run that asked nothing leaves the file as it was; two runs at once
// both keep what they found.
func TestCacheSave(t *testing.T) {
	site := newFakeSite(t)
	dir := t.TempDir()
	file := filepath.Join(dir, linkcheck.CacheFile)
	run(t, dir, day1, site.URL+"/ok")
	old := day1.Add(-time.Hour)
	if err := os.Chtimes(file, old, old); err != nil {
		t.Fatal(err)
	}
	run(t, dir, day1.Add(time.Hour), site.URL+"/ok")
	if info, err := os.Stat(file); err != nil || !info.ModTime().Equal(old) {
		t.Errorf("a run from the cache alone wrote it: %v %v", info.ModTime(), err)
	}

	a, b := linkcheck.OpenCache(dir), linkcheck.OpenCache(dir)
	at := func() time.Time { return day1.Add(2 * time.Hour) }
	(&linkcheck.Checker{Cache: a, Now: at}).Check(context.Background(), []string{site.URL + "/moved"})
	(&linkcheck.Checker{Cache: b, Now: at}).Check(context.Background(), []string{site.URL + "/head405"})
	if err := a.Save(at()); err != nil {
		t.Fatal(err)
	}
	if err := b.Save(at()); err != nil {
		t.Fatal(err)
	}
	site.take()
	run(t, dir, day1.Add(3*time.Hour), site.URL+"/ok", site.URL+"/moved", site.URL+"/head405")
	if got := sorted(site); got != "" {
		t.Errorf("requests %q, want none", got)
	}
}
