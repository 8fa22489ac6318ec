package deploy

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"
)

// Progress is how far a deploy got, reported after each file.
type Progress struct {
	Phase        string // "assets", "pages", "feeds", "sitemap", "manifest", "deletes"
	Files, Total int    // uploads done and planned
	Bytes, Size  int64  // of them, before compression
	Deleted      int
}

// RunOptions say how a plan is carried out.
type RunOptions struct {
	// Workers is how many uploads go at once (DefaultWorkers when 0).
	Workers int
	// Progress, when set, is called after each upload and delete, from
	// one goroutine at a time.
	Progress func(Progress)
}

// DefaultWorkers uploads eight files at once: enough to fill a CI
// runner's link with small pages, few enough for a store's limits.
const DefaultWorkers = 8

// maxDeleteBatch is the most keys S3's DeleteObjects takes at once.
const maxDeleteBatch = 1000

// Run carries out the plan: the journal, then the uploads kind by kind,
// the remote manifest, the deletes, and the journal removed. It stops at
// the first error, leaving the journal for the next deploy.
func (p *Plan) Run(ctx context.Context, s Store, opts RunOptions) error {
	if p.Empty() {
		return nil
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = DefaultWorkers
	}
	j := journal{Uploads: make([]string, 0, len(p.Uploads)), Deletes: p.Deletes}
	for _, u := range p.Uploads {
		j.Uploads = append(j.Uploads, u.Rel)
	}
	if err := p.putJSON(ctx, s, JournalKey, j); err != nil {
		return err
	}
	r := &runner{plan: p, store: s, opts: opts, prog: Progress{Total: len(p.Uploads), Size: p.Bytes()}}
	for start := 0; start < len(p.Uploads); {
		end := start
		for end < len(p.Uploads) && p.Uploads[end].Kind == p.Uploads[start].Kind {
			end++
		}
		if err := r.uploads(ctx, p.Uploads[start:end], workers); err != nil {
			return err
		}
		start = end
	}
	r.report("manifest")
	if err := p.putJSON(ctx, s, ManifestKey, remoteManifest{Generator: generator, Files: p.local.Files}); err != nil {
		return err
	}
	for start := 0; start < len(p.Deletes); start += maxDeleteBatch {
		batch := p.Deletes[start:min(start+maxDeleteBatch, len(p.Deletes))]
		if err := s.Delete(ctx, batch); err != nil {
			return fmt.Errorf("deleting: %w", err)
		}
		r.prog.Deleted += len(batch)
		r.report("deletes")
	}
	if err := s.Delete(ctx, []string{JournalKey}); err != nil {
		return fmt.Errorf("deleting %s: %w", JournalKey, err)
	}
	return nil
}

// bookkeeping is the headers of bulletin's own objects: never cached, so
// a deploy reads the last one's.
var bookkeeping = Object{Type: "application/json", CacheControl: "no-store"}

func (p *Plan) putJSON(ctx context.Context, s Store, rel string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if err := s.Put(ctx, rel, bytes.NewReader(b), int64(len(b)), bookkeeping); err != nil {
		return fmt.Errorf("writing %s: %w", rel, err)
	}
	return nil
}

type runner struct {
	plan  *Plan
	store Store
	opts  RunOptions

	mu   sync.Mutex
	prog Progress
}

func (r *runner) report(phase string) {
	r.prog.Phase = phase
	if r.opts.Progress != nil {
		r.opts.Progress(r.prog)
	}
}

// uploads uploads files of one kind, workers at once; the first error
// stops the others.
func (r *runner) uploads(ctx context.Context, files []Upload, workers int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		errOnce  sync.Once
		firstErr error
	)
	for range min(workers, len(files)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(files) || ctx.Err() != nil {
					return
				}
				u := files[i]
				if err := r.upload(ctx, u); err != nil {
					errOnce.Do(func() { firstErr = err; cancel() })
					return
				}
				r.mu.Lock()
				r.prog.Files++
				r.prog.Bytes += u.Size
				r.report(u.Kind.String())
				r.mu.Unlock()
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}

func (r *runner) upload(ctx context.Context, u Upload) error {
	body, size, done, err := r.plan.local.open(u.Rel, u.Object)
	if err != nil {
		return err
	}
	defer done()
	if err := r.store.Put(ctx, u.Rel, body, size, u.Object); err != nil {
		return fmt.Errorf("uploading %s: %w", u.Rel, err)
	}
	return nil
}
