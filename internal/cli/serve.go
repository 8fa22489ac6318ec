package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/build"
	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/bulletin-ssg/bulletin/internal/server"
	"github.com/bulletin-ssg/bulletin/internal/sockerr"
	"github.com/bulletin-ssg/bulletin/internal/watch"
	"github.com/spf13/cobra"
)

// ServeOptions are the flags of `bulletin serve`.
type ServeOptions struct {
	IO IO
	SiteFlags
	Bind string
	Port int
	Poll bool
}

// NewCmdServe makes `bulletin serve`.
func NewCmdServe(streams IO, runF func(context.Context, *ServeOptions) error) *cobra.Command {
	opts := &ServeOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Preview the site in a browser, rebuilt on every save",
		Long: `Serve builds the site in memory, serves it on 127.0.0.1 and reloads open
browser tabs after every change to content/, layouts/ or assets/. A change
of stylesheets alone is swapped in without a reload. A failed rebuild keeps
the last good site served and shows the error over the page; when the
first build fails, there is no site yet: the preview shows the errors
until a save builds.

The site is never written to disk: the preview never touches public/
(it keeps the render cache in .bulletin/ up to date, unless --no-cache).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return serveRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	opts.SiteFlags.register(f)
	f.StringVar(&opts.Bind, "bind", "127.0.0.1", "interface to listen on; anything but loopback exposes drafts to the network")
	f.IntVarP(&opts.Port, "port", "p", 8080, "port to listen on (0 picks a free one)")
	f.BoolVar(&opts.Poll, "poll", false, pollUsage)
	return cmd
}

func serveRun(ctx context.Context, opts *ServeOptions) error {
	source, closeSource, err := openSource(opts.Source)
	if err != nil {
		return err
	}
	defer closeSource()
	log := logger(opts.IO, opts.Verbose)
	ln, err := listen(opts.Bind, opts.Port)
	if err != nil {
		return err
	}
	addr := ln.Addr().String()
	if !isLoopback(opts.Bind) {
		log.Warn("serving beyond this machine: anyone who can reach " + addr + " sees the preview, drafts included")
	}
	srv, err := server.New(addr, log)
	if err != nil {
		ln.Close()
		return err
	}
	url := "http://" + browserHost(addr) + "/"
	bopts := opts.buildOptions(source, url, log)
	bopts.ContentSize = limitServeMemory()
	bopts.LiveAssets = true // a stylesheet saved is swapped in without a reload
	session := build.NewSession(bopts)
	// The watcher reports every change, and rescans when events are lost.
	session.TrustChanges()
	w, err := watch.New(watch.Options{Root: opts.Source, Exclude: []string{"public", ".bulletin"}, Poll: opts.Poll, Logger: log})
	if err != nil {
		ln.Close()
		return err
	}
	defer w.Close()

	publish := func(up *build.Update) {
		srv.Publish(server.NewSnapshot(up.Files), append(up.Changed, up.Removed...))
	}
	if up, err := rebuild(ctx, opts.IO, session, nil, serveKept); err != nil {
		srv.Fail(err)
	} else {
		publish(up)
		commitMemory(bopts, opts.IO)
	}
	// The first build rendered every page once; what it left behind is
	// garbage the session will not grow back into: give it back now.
	debug.FreeOSMemory()
	fmt.Fprintf(opts.IO.Out, "Serving %s at %s (Ctrl-C to stop)\n", displaySource(opts.Source), url)

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()
	for {
		events, err := w.Next(ctx)
		if err != nil {
			break // ctx ended: Ctrl-C
		}
		up, err := rebuild(ctx, opts.IO, session, paths(events), serveKept)
		switch {
		case ctx.Err() != nil:
		case err != nil:
			srv.Fail(err)
		default:
			publish(up)
			commitMemory(bopts, opts.IO)
			collectWhileIdle()
		}
	}
	if err := <-served; err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	fmt.Fprintln(opts.IO.Err, "bulletin: stopped")
	return nil
}

// serveKept says what the preview shows after a failed build.
func serveKept(built bool) string {
	if built {
		return "the last good site stays"
	}
	return "there is no site to show yet: the preview shows these errors until a save builds"
}

// rebuild runs one build of a session and reports it on the terminal:
// the errors with their positions, or one line of what changed. kept
// says what stays after a failure, given whether an earlier build of the
// session succeeded.
func rebuild(ctx context.Context, streams IO, s *build.Session, changed []string, kept func(built bool) string) (*build.Update, error) {
	start := time.Now()
	up, err := s.Build(ctx, changed)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err != nil {
		errs := diag.Flatten(err)
		for _, e := range errs {
			fmt.Fprintln(streams.Err, e)
		}
		fmt.Fprintf(streams.Err, "bulletin: build failed with %d errors; %s\n", len(errs), kept(s.Built()))
		return nil, err
	}
	fmt.Fprintf(streams.Err, "bulletin: built %d pages in %s (%d files changed, %d removed)\n",
		up.Pages, time.Since(start).Round(time.Millisecond), len(up.Changed), len(up.Removed))
	return up, nil
}

func paths(events []watch.Event) []string {
	out := make([]string, len(events))
	for i, e := range events {
		out[i] = e.Path
	}
	return out
}

// listen opens the port, with a message a person can act on when it is taken.
func listen(bind string, port int) (net.Listener, error) {
	addr := net.JoinHostPort(bind, strconv.Itoa(port))
	ln, err := net.Listen("tcp", addr)
	if sockerr.AddrInUse(err) {
		return nil, &usageError{fmt.Errorf("port %d on %s is already in use: stop the other server or choose another with --port", port, bind)}
	}
	if err != nil {
		return nil, &usageError{fmt.Errorf("cannot listen on %s: %w", addr, err)}
	}
	return ln, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// browserHost is the address to print and to use as the preview's base
// URL: a wildcard bind is reached through 127.0.0.1.
func browserHost(addr string) string {
	host, port, _ := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}

func displaySource(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		return abs
	}
	return dir
}

// collectWhileIdle collects the garbage of the rebuild just published
// while the author reads the page, instead of during the next rebuild:
// a rebuild of a large site leaves garbage that is a good part of its
// live heap, so the collector otherwise ran inside every few rebuilds
// and took one of two cores from it. The next rebuild then starts with
// a heap it will not outgrow.
func collectWhileIdle() { go runtime.GC() }
