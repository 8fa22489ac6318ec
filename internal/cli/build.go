package cli

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/bulletin-ssg/bulletin/internal/build"
	"github.com/bulletin-ssg/bulletin/internal/filesum"
	"github.com/bulletin-ssg/bulletin/internal/output"
	"github.com/bulletin-ssg/bulletin/internal/push"
)

// BuildOptions are the flags of `bulletin build`.
type BuildOptions struct {
	IO IO
	SiteFlags
	Dest      string
	BaseURL   string
	Quiet     bool
	CleanDest bool
	Force     bool
	// CPUProfile, when set, writes a CPU profile of the build there;
	// MemProfile a heap profile taken when the build is done.
	CPUProfile string
	MemProfile string
}

// NewCmdBuild makes `bulletin build`. runF replaces buildRun in tests of
// flag parsing.
func NewCmdBuild(streams IO, runF func(context.Context, *BuildOptions) error) *cobra.Command {
	opts := &BuildOptions{IO: streams}
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build the site into the output folder",
		Long: `Build reads the site in --source and writes the static site to --dest.

Nothing in --dest changes until the whole build succeeded: a new output is
written beside it and swapped in, or, when --dest holds an earlier build and
this one changes little of it, only the changed files are written beside
their places and renamed over them. A failed build leaves the previous
output untouched. The next build into the same --dest renders only the pages
whose sources changed (.bulletin/cache keeps what it needs; --no-cache
renders everything).
Errors are printed as file:line:col: message, all of them, and the exit
status is 1.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return buildRun(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	opts.SiteFlags.register(f)
	f.StringVarP(&opts.Dest, "dest", "d", "", "output folder (default: public/ inside --source)")
	f.StringVar(&opts.BaseURL, "base-url", "", "absolute URL the site is served from; overrides baseURL in content/_index.md and $"+BaseURLEnv)
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "print only errors")
	f.BoolVar(&opts.CleanDest, "clean-dest", false, "remove files an earlier build wrote that this build no longer produces (files bulletin did not write are always kept)")
	f.BoolVar(&opts.Force, "force", false, "let --clean-dest remove more than half of the pages the output holds")
	f.StringVar(&opts.CPUProfile, "cpuprofile", "", "write a CPU profile of the build to this file (for go tool pprof)")
	_ = f.MarkHidden("cpuprofile")
	f.StringVar(&opts.MemProfile, "memprofile", "", "write a heap profile of the finished build to this file")
	_ = f.MarkHidden("memprofile")
	return cmd
}

func noArgs(_ *cobra.Command, args []string) error {
	if len(args) > 0 {
		return &usageError{fmt.Errorf("unexpected argument %q", args[0])}
	}
	return nil
}

func buildRun(ctx context.Context, opts *BuildOptions) error {
	start := time.Now()
	if opts.CPUProfile != "" {
		f, err := os.Create(opts.CPUProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	source, closeSource, err := openSourceOnce(opts.Source)
	if err != nil {
		return err
	}
	defer closeSource()
	dest := opts.Dest
	display := dest
	if dest == "" {
		dest = filepath.Join(opts.Source, "public")
		display = "public"
	}
	log := logger(opts.IO, opts.Verbose)
	// The output folder is checked and its manifest read while the build
	// reads the site (a small but measurable part of a warm rebuild);
	// nothing reaches it before both are done, and its error, if any, is
	// the one reported.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sink := &openingSink{ready: make(chan struct{})}
	go func() {
		defer close(sink.ready)
		sink.stage, sink.err = output.Begin(dest, opts.Source, display, output.Options{CleanDest: opts.CleanDest, Force: opts.Force, Verify: opts.NoCache})
		if sink.err != nil {
			cancel()
		}
	}()
	bopts := opts.buildOptions(source, baseURL(opts.BaseURL), log)
	if key := os.Getenv(IndexNowKeyEnv); key != "" {
		// The file IndexNow reads to check the site is bulletin push's.
		if err := push.CheckIndexNowKey(key); err != nil {
			return fmt.Errorf("%s: %w", IndexNowKeyEnv, err)
		}
		bopts.IndexNowKey = key
	}
	bopts.ContentSize = limitMemory()
	// This one build asks for each rendering once: what it renders goes
	// to the cache's folder as it comes instead of staying in memory.
	if err := bopts.Memory.WriteThrough(); err != nil {
		log.Warn("render cache: " + err.Error())
	}
	defer bopts.Memory.Discard() // after a Commit, nothing is left to drop
	log.Debug("ready to build", "took", time.Since(start))
	res, err := build.Build(ctx, bopts, sink)
	stage, beginErr := sink.wait()
	if beginErr != nil {
		return beginErr
	}
	if err != nil {
		stage.Abort()
		return err
	}
	if opts.MemProfile != "" {
		if err := writeHeapProfile(opts.MemProfile); err != nil {
			return err
		}
	}
	log.Debug("pages kept from the previous output", "kept", res.Kept, "of", res.Pages)
	log.Debug("files read as they were last time", "recalled", bopts.Memory.Recalled())
	log.Debug("pages digested for the next build", "digested", res.Digested)
	log.Debug("pages whose Markdown stayed in the render cache", "deferred", res.Deferred)
	log.Debug("pages read for the search index", "read", res.SearchRead)
	// The memory for the next build is encoded while the output is
	// committed, and saved only once it is.
	bopts.Memory.Prepare()
	t := time.Now()
	if err := stage.Commit(); err != nil {
		stage.Abort()
		return err
	}
	log.Debug("output committed", "took", time.Since(t))
	t = time.Now()
	commitMemory(bopts, opts.IO)
	log.Debug("memory saved", "took", time.Since(t))
	if !opts.Quiet {
		fmt.Fprintf(opts.IO.Err, "bulletin: built %d pages, %d files into %s in %s\n",
			res.Pages, res.Files, display, time.Since(start).Round(time.Millisecond))
		if stale := stage.Stale(); len(stale) > 0 {
			fmt.Fprintf(opts.IO.Err, "bulletin: kept %d files an earlier build wrote that this one does not (such as %s); --clean-dest removes them\n", len(stale), stale[0])
		}
	}
	return nil
}

func writeHeapProfile(name string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return pprof.Lookup("heap").WriteTo(f, 0)
}

// BaseURLEnv overrides the settings' baseURL when --base-url is not given,
// so one CI pipeline can build staging and production from one tree.
const BaseURLEnv = "BULLETIN_BASE_URL"

// baseURL is the flag's value, else the environment's.
func baseURL(flag string) string {
	if flag != "" {
		return flag
	}
	return os.Getenv(BaseURLEnv)
}

// openingSink hands a build's files to the output folder once
// output.Begin has opened it; until then its writers wait.
type openingSink struct {
	ready chan struct{} // closed when stage and err are set
	stage *output.Staging
	err   error
}

func (s *openingSink) wait() (*output.Staging, error) {
	<-s.ready
	return s.stage, s.err
}

func (s *openingSink) Write(rel string, data []byte) error {
	stage, err := s.wait()
	if err != nil {
		return err
	}
	return stage.Write(rel, data)
}

func (s *openingSink) WriteSum(rel string, data []byte, sum filesum.Sum) error {
	stage, err := s.wait()
	if err != nil {
		return err
	}
	return stage.WriteSum(rel, data, sum)
}

func (s *openingSink) Keep(rel string, sum filesum.Sum) bool {
	stage, err := s.wait()
	return err == nil && stage.Keep(rel, sum)
}

func (s *openingSink) Own(rel string) {
	if stage, err := s.wait(); err == nil {
		stage.Own(rel)
	}
}

func (s *openingSink) Copy(rel string, f build.File) error {
	stage, err := s.wait()
	if err != nil {
		return err
	}
	return stage.Copy(rel, f.FS, f.Name)
}

// openSource opens the site folder so that nothing below it can reach
// outside it: a symlink leaving the site fails to open.
func openSource(dir string) (source fs.FS, closeSource func(), err error) {
	root, err := openRoot(dir)
	if err != nil {
		return nil, nil, err
	}
	return root.FS(), func() { root.Close() }, nil
}

// openSourceOnce is openSource for a process that builds once: it keeps
// the site's folders open while it reads their files (see siteFS), which
// a long session must not (a folder renamed and made again would still be
// the old one).
func openSourceOnce(dir string) (source fs.FS, closeSource func(), err error) {
	root, err := openRoot(dir)
	if err != nil {
		return nil, nil, err
	}
	s := newSiteFS(root)
	return s, s.close, nil
}

func openRoot(dir string) (*os.Root, error) {
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		return nil, &usageError{fmt.Errorf("--source %s: not a folder", dir)}
	}
	return os.OpenRoot(dir)
}

func logger(streams IO, verbose bool) *slog.Logger {
	level := slog.LevelWarn
	if verbose {
		level = slog.LevelDebug
	}
	return slog.New(&lineHandler{mu: &sync.Mutex{}, w: streams.Err, level: level})
}
