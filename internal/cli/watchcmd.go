package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime/debug"

	"github.com/bulletin-ssg/bulletin/internal/build"
	"github.com/bulletin-ssg/bulletin/internal/output"
	"github.com/bulletin-ssg/bulletin/internal/watch"
	"github.com/spf13/cobra"
)

// WatchOptions are the flags of `bulletin watch`.
type WatchOptions struct {
	IO IO
	SiteFlags
	Dest    string
	BaseURL string
	Poll    bool
}

// NewCmdWatch makes `bulletin watch`.
func NewCmdWatch(streams IO, runF func(context.Context, *WatchOptions) error) *cobra.Command {
	opts := &WatchOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "watch",
		Short: "Rebuild the output folder on every change, without a server",
		Long: `Watch builds the site into --dest, then rebuilds it after every change to
content/, layouts/ or assets/, writing only the files whose bytes changed
and removing the ones that are gone. A failed rebuild leaves --dest as it
was and prints the errors.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return watchRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	opts.SiteFlags.register(f)
	f.StringVarP(&opts.Dest, "dest", "d", "", "output folder (default: public/ inside --source)")
	f.StringVar(&opts.BaseURL, "base-url", "", "absolute URL the site is served from; overrides baseURL in content/_index.md")
	f.BoolVar(&opts.Poll, "poll", false, pollUsage)
	return cmd
}

func watchRun(ctx context.Context, opts *WatchOptions) error {
	source, closeSource, err := openSource(opts.Source)
	if err != nil {
		return err
	}
	defer closeSource()
	dest, display := opts.Dest, opts.Dest
	if dest == "" {
		dest, display = filepath.Join(opts.Source, "public"), "public"
	}
	folder, err := output.OpenFolder(dest, opts.Source, display)
	if err != nil {
		return err
	}
	log := logger(opts.IO, opts.Verbose)
	bopts := opts.buildOptions(source, baseURL(opts.BaseURL), log)
	bopts.ContentSize = limitServeMemory()
	session := build.NewSession(bopts)
	// The watcher reports every change, and rescans when events are lost.
	session.TrustChanges()
	session.KeepWritten = true // the changed pages are written out at once
	w, err := watch.New(watch.Options{Root: opts.Source, Exclude: []string{dest, ".bulletin"}, Poll: opts.Poll, Logger: log})
	if err != nil {
		return err
	}
	defer w.Close()
	sync := func(changed []string) {
		up, err := rebuild(ctx, opts.IO, session, changed, func(built bool) string {
			if built {
				return display + " keeps the last good site"
			}
			return display + " is left as it is until a save builds"
		})
		if err != nil {
			return
		}
		if err := folder.Sync(up, up.Changed); err != nil {
			fmt.Fprintf(opts.IO.Err, "bulletin: writing %s: %v\n", display, err)
			return
		}
		commitMemory(bopts, opts.IO)
		collectWhileIdle()
	}
	sync(nil)
	debug.FreeOSMemory() // see serve
	fmt.Fprintf(opts.IO.Out, "Watching %s, writing %s (Ctrl-C to stop)\n", displaySource(opts.Source), display)
	for {
		events, err := w.Next(ctx)
		if err != nil {
			break
		}
		sync(paths(events))
	}
	fmt.Fprintln(opts.IO.Err, "bulletin: stopped")
	return nil
}
