package headless

import "testing"

func TestCommandLine(t *testing.T) {
	const want = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync"
	if got := CommandLine(); got != want {
		t.Errorf("CommandLine() = %q, want %q", got, want)
	}
	if n := len(Options("/usr/bin/chromium", "/tmp/p")); n < len(switches)+2 {
		t.Errorf("%d options", n)
	}
}
