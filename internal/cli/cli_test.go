package cli

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"bulletin": func() {
			os.Exit(Main(context.Background(), os.Args[1:], IO{Out: os.Stdout, Err: os.Stderr}))
		},
	})
}

// TestScripts runs testdata/script/*.txtar: the command line as a user
// types it, with exit codes and messages.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script"})
}

// TestBuildFlags checks flag parsing apart from building.
func TestBuildFlags(t *testing.T) {
	tests := []struct {
		args []string
		want BuildOptions
	}{
		{nil, BuildOptions{Source: "."}},
		{[]string{"--source", "site", "--dest", "out", "--base-url", "https://x.example/", "--drafts", "--future", "--expired", "--quiet"},
			BuildOptions{Source: "site", Dest: "out", BaseURL: "https://x.example/", Drafts: true, Future: true, Expired: true, Quiet: true}},
		{[]string{"-s", "a", "-d", "b", "-DFEq"}, BuildOptions{Source: "a", Dest: "b", Drafts: true, Future: true, Expired: true, Quiet: true}},
	}
	for _, tt := range tests {
		var got *BuildOptions
		cmd := NewCmdBuild(IO{}, func(_ context.Context, o *BuildOptions) error { got = o; return nil })
		cmd.SetArgs(tt.args)
		if err := cmd.Execute(); err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		got.IO = IO{}
		if *got != tt.want {
			t.Errorf("%v:\n got %+v\nwant %+v", tt.args, *got, tt.want)
		}
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"version"}, ExitOK},
		{[]string{"--help"}, ExitOK},
		{[]string{"nosuch"}, ExitUsage},
		{[]string{"build", "--nosuch"}, ExitUsage},
		{[]string{"build", "extra"}, ExitUsage},
		{[]string{"build", "--source", "/nonexistent/site"}, ExitUsage},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		if got := Main(context.Background(), tt.args, IO{Out: &out, Err: &errOut}); got != tt.code {
			t.Errorf("bulletin %v = %d, want %d (stderr %q)", tt.args, got, tt.code, errOut.String())
		}
	}
}
