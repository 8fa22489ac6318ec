package build

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"slices"
	"sync"

	"github.com/bulletin-ssg/bulletin/internal/filesum"
	"github.com/bulletin-ssg/bulletin/internal/render"
	"github.com/bulletin-ssg/bulletin/internal/site"
)

// renderState is what one build's page rendering leaves for the next:
// the graph it rendered, the environment of its templates, and for every
// page a digest of its bytes, what the templates read, and the kind
// template used. The bytes themselves are not kept (see Output).
type renderState struct {
	site    *site.Site      // in a session; or
	digests *render.Digests // from the last process (PageMemory)
	env     [32]byte
	outputs map[string]renderedPage
	// table is the page paths the outputs' encoded reads index (see
	// renderedPage.reads): id 0 is the site, i+1 is table[i]. ids, in a
	// session, maps each back to its id.
	table []string
	ids   map[string]uint64
	// build identifies the build that left a page memory: its file memory
	// has the same (see bodiesOnly).
	build buildID
}

// A buildID pairs the memories one build leaves: the page memory and the
// file memory are saved as two files, and only a pair from one build
// describes one graph.
type buildID [8]byte

func newBuildID() (id buildID) {
	_, _ = rand.Read(id[:]) // never fails (crypto/rand)
	return id
}

type renderedPage struct {
	sum filesum.Sum // of the page's bytes
	// reads are what the page's templates read (render.Dep), encoded
	// against its renderState's table (see encodeReads): a large site's
	// pages read a great many things, and as strings they made the heap
	// far larger; by id they are checked without hashing, and carried
	// from one page memory to the next as they are.
	reads []byte
	kind  [32]byte
}

// pageRenderer renders the HTML pages of one build, reusing the previous
// build's bytes for a page when
//   - the template environment is the same (base URL, language, zone,
//     Markdown settings, the list of assets, base.html and the partials),
//   - the page's kind template has the same text,
//   - and nothing the page read last time is among render.Changes.
//
// Without a cache or a page memory it simply renders.
type pageRenderer struct {
	b       *builder
	prev    *renderState
	changed map[render.Dep]struct{}
	// changedAt has, for each id of the previous page memory's table,
	// a bit (1<<Group) for every group of that page that changed.
	changedAt []uint32
	env       [32]byte
	digests   *render.Digests // this graph's, for a page memory
	// digested counts the pages digested for the page memory: all of
	// them, or the few whose bodies alone changed (see bodiesOnly).
	digested int
	// keep, for a sink that keeps the previous output's files (a CLI
	// build with a page memory), vouches for a page left as it was.
	keep keeper
	// This build's pages are remembered with their reads encoded
	// against table (ids gives each path's id): the previous build's
	// table while every page of it is still in the graph (prevTable:
	// then a kept page's reads are as they were), the other pages after
	// it. Holding every page's reads as strings made a large build's
	// heap, and a session's, far larger and their collections slower,
	// and checking them by id needs no hashing.
	table     []string
	ids       map[string]uint64
	prevTable bool

	// next is set when this build remembers its pages; each page's
	// record goes into its job's slot (no lock: every writer has its
	// own), and commit gathers them.
	next  map[string]renderedPage
	slots []rememberedPage
}

type rememberedPage struct {
	rel  string
	page renderedPage
	set  bool
}

// keeper is a sink that can leave a file of the previous output as it is,
// when that file holds exactly the bytes with the given filesum.Sum.
type keeper interface {
	Keep(rel string, sum filesum.Sum) bool
}

func newPageRenderer(b *builder, sink Sink) *pageRenderer {
	r := &pageRenderer{b: b}
	var prev *renderState
	if _, ok := sink.(pageSink); ok && b.mem.cache != nil {
		prev = b.mem.cache.render
	} else if k, ok := sink.(keeper); ok && b.mem.pages != nil {
		r.keep, prev = k, b.mem.pages.prev()
	} else {
		return r
	}
	r.env = b.templateEnv()
	r.next = map[string]renderedPage{}
	if prev != nil && prev.env == r.env {
		r.prev = prev
		r.next = make(map[string]renderedPage, len(prev.outputs))
	}
	pages := b.site.AllPages()
	if prev := r.prev; prev != nil && prev.ids != nil && samePaths(prev.ids, pages) {
		// A session's rebuild, nearly always: the same pages.
		r.table, r.ids, r.prevTable = prev.table, prev.ids, true
		return r
	}
	var prevTable []string
	if r.prev != nil {
		prevTable = r.prev.table
	}
	r.table, r.ids, r.prevTable = pathTable(prevTable, pages)
	return r
}

// samePaths reports whether pages are exactly the paths of ids.
func samePaths(ids map[string]uint64, pages []*site.Page) bool {
	if len(ids) != len(pages) {
		return false
	}
	for _, p := range pages {
		if _, ok := ids[p.Path]; !ok {
			return false
		}
	}
	return true
}

// pathTable gives the table of page paths a page memory encodes reads
// against: prev's order when all of prev's pages are among pages
// (continues is then true), and the other pages after it.
func pathTable(prev []string, pages []*site.Page) (table []string, ids map[string]uint64, continues bool) {
	ids = make(map[string]uint64, len(pages))
	for _, p := range pages {
		ids[p.Path] = 0
	}
	table = make([]string, 0, len(pages))
	continues = true
	for _, p := range prev {
		if _, ok := ids[p]; !ok {
			continues = false
			break
		}
	}
	if continues {
		for _, p := range prev {
			table = append(table, p)
			ids[p] = uint64(len(table))
		}
	}
	for _, p := range pages {
		if ids[p.Path] == 0 {
			table = append(table, p.Path)
			ids[p.Path] = uint64(len(table))
		}
	}
	return table, ids, continues
}

// compare finds what changed since the previous build, and digests the
// graph for the next one. It reads every page's content group, so the
// write stage calls it once all Markdown is rendered.
func (r *pageRenderer) compare() {
	b := r.b
	if prev := r.prev; prev != nil {
		if prev.site != nil {
			r.changed = render.Changes(prev.site, b.site)
		} else {
			ok := false
			if read, same := b.bodiesOnly(); same {
				maybe := func(p *site.Page) bool { return p.Src != nil && read[p.Src.Path] }
				r.changed, r.digests, r.digested, ok = render.ChangesIn(prev.digests, b.site, maybe)
			}
			if !ok {
				r.changed, r.digests = render.ChangesSince(prev.digests, b.site)
				r.digested = len(r.digests.Pages)
			}
		}
		r.changedAt = changedAt(r.changed, prev.table)
	}
	if r.keep != nil && r.digests == nil {
		r.digests = render.Digest(b.site)
		r.digested = len(r.digests.Pages)
	}
}

// bodiesOnly returns the Markdown files this build read again (by
// content path) when its graph can differ from the one its page memory
// remembers only in those files' bodies: the same Markdown files, each
// with the front matter it had (so the same pages, titles, dates, URLs,
// lists, terms and links). The caller has checked the rest: the same
// settings and templates (the memory is used only in the same
// environment) and the same pages published (time moves dates past;
// render.ChangesIn). Only the read files' own pages can then differ, in
// what their bodies give (content, summary), and the other pages of a
// large site need not be digested again after an article's text is
// edited (digesting them all was much of such a rebuild). A link's answer, part of a page's
// content, is the target's URL and whether it is published, never its
// body; an image's or another file's is where the file is published,
// which the same Markdown files and the same names of the other files
// decide, and a photo's its size, which the file memory's digest of the
// other files has too.
func (b *builder) bodiesOnly() (map[string]bool, bool) {
	files := b.mem.files
	if files == nil || b.mem.pages == nil || b.mem.cache != nil || len(b.broken) > 0 || !files.sameOthers() {
		return nil, false
	}
	// The file memory must be the page memory's build's: one saved
	// without the other (the output's commit failed, a disk filled) would
	// hide what changed between the two builds.
	if prev := b.mem.pages.prev(); prev == nil || !files.from(prev.build) {
		return nil, false
	}
	paths := make([]string, len(b.sources))
	read := map[string]bool{}
	for i, s := range b.sources {
		paths[i] = "content/" + s.rel
		if !s.unread {
			if !files.sameMatter(paths[i]) {
				return nil, false
			}
			read[s.rel] = true
		}
	}
	return read, files.knows(paths)
}

// templateEnv digests everything templates depend on besides the graph.
func (b *builder) templateEnv() [32]byte {
	h := sha256.New()
	// Every language's templates (their settings, the assets).
	for _, l := range b.pageLanguages() {
		h.Write([]byte(b.themeKey(l)))
	}
	shared := b.templates.SharedDigest()
	h.Write(shared[:])
	var d [32]byte
	copy(d[:], h.Sum(nil))
	return d
}

// pageBuffers hold pages being rendered: reused, they spare a build the
// growing of a new buffer for each of its pages.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// renderedJob is one page as the write stage hands it on.
type renderedJob struct {
	data []byte // nil when a session reuses the page unchanged
	sum  filesum.Sum
	kept bool // the previous build's page stands: data is nil
	// release, when not nil, gives data's buffer back for another page:
	// call it once the sink is done with data.
	release func()
}

// render renders a page, or finds that the previous build's page still
// stands (nothing it read changed): then it has no bytes, only the
// digest of the bytes it would have. With streaming, it renders only a
// page that reads no other page's Markdown (see outputs.streams):
// rendered, nil data and no error means it must wait for the write stage.
func (r *pageRenderer) render(j job, streaming bool) (renderedJob, error) {
	if r.next == nil && !streaming {
		return r.renderInto(j, nil)
	}
	var kind [32]byte
	if r.next != nil {
		p := j.page
		name, err := r.b.templates.Lookup(p.Kind, p.Section, p.Layout)
		if err != nil {
			return renderedJob{}, err
		}
		if kind, err = r.b.templates.KindDigest(name); err != nil {
			return renderedJob{}, err
		}
	}
	if r.prev != nil {
		if old, ok := r.prev.outputs[j.rel]; ok && old.kind == kind && !r.touched(old) &&
			(r.keep == nil || r.keep.Keep(j.rel, old.sum)) {
			r.remember(j, old, nil)
			return renderedJob{sum: old.sum, kept: true}, nil
		}
	}
	rec := recorders.Get().(*render.Recorder)
	// The reads are encoded (remember) or looked at once: the recorder
	// then serves another page.
	done, err := r.renderInto(j, rec)
	if err != nil {
		return renderedJob{}, err
	}
	if streaming && readsOthersMarkdown(rec, j.page) {
		done.release()
		rec.Reset()
		recorders.Put(rec)
		return renderedJob{}, nil
	}
	done.sum = filesum.Of(done.data)
	if r.next != nil {
		r.remember(j, renderedPage{sum: done.sum, kind: kind}, rec.Deps())
	}
	rec.Reset()
	recorders.Put(rec)
	return done, nil
}

// recorders are empty render.Recorders.
var recorders = sync.Pool{New: func() any { return render.NewRecorder() }}

// readsOthersMarkdown reports whether a page's render read another
// page's summary or content: while pages' Markdown is still being
// rendered, those may not be there yet.
func readsOthersMarkdown(rec *render.Recorder, p *site.Page) bool {
	for _, d := range rec.Deps() {
		if d.ID != p.Path && (d.Group == render.GroupSummary || d.Group == render.GroupContent) {
			return true
		}
	}
	return false
}

// renderInto renders a page into a pooled buffer.
func (r *pageRenderer) renderInto(j job, rec *render.Recorder) (renderedJob, error) {
	buf := pageBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	if err := render.Page(buf, r.b.langOf(j.page).templates, r.b.site, j.page, j.pager, rec); err != nil {
		pageBuffers.Put(buf)
		return renderedJob{}, err
	}
	return renderedJob{data: buf.Bytes(), release: func() { pageBuffers.Put(buf) }}, nil
}

// standing reports whether, since the previous build of this session,
// no page changed in any of groups and nothing site-wide changed: a file
// that reads only those (a feed, the sitemap) is the same again.
func (r *pageRenderer) standing(groups []render.Group) bool {
	if r.prev == nil {
		return false
	}
	for d := range r.changed {
		if d.ID == render.SiteID || slices.Contains(groups, d.Group) {
			return false
		}
	}
	return true
}

// touched reports whether anything a page read changed: by id, with no
// string hashed or compared (a session asks this of every page of a
// large site on every rebuild). Reads that do not decode count as
// changed.
func (r *pageRenderer) touched(o renderedPage) bool {
	if len(r.changed) == 0 {
		return false
	}
	at := r.changedAt
	clean := eachRead(o.reads, func(id uint64, g byte) bool {
		return id < uint64(len(at)) && g < 32 && at[id]&(1<<g) == 0
	})
	return !clean
}

// changedAt sets, for each id of table (0 the site, i+1 table[i]), a bit
// for every group of that page among changed.
func changedAt(changed map[render.Dep]struct{}, table []string) []uint32 {
	at := make([]uint32, len(table)+1)
	if len(changed) == 0 {
		return at
	}
	byID := make(map[string]uint32, len(changed))
	for d := range changed {
		if d.Group < 32 {
			byID[d.ID] |= 1 << d.Group
		}
	}
	at[0] = byID[render.SiteID]
	delete(byID, render.SiteID)
	if len(byID) > 0 {
		for i, p := range table {
			at[i+1] = byID[p]
		}
	}
	return at
}

// remember keeps a page for the next build: one kept, as it was (its
// reads are re-encoded only when the table changed), or one rendered,
// with what it read. A page whose reads cannot be encoded is not
// remembered, and renders next time.
func (r *pageRenderer) remember(j job, p renderedPage, deps []render.Dep) {
	ok := true
	switch {
	case deps != nil || p.reads == nil:
		p.reads, ok = encodeReads(make([]byte, 0, 2*len(deps)), deps, r.ids)
	case !r.prevTable:
		p.reads, ok = r.prev.translate(nil, p.reads, r.ids)
	}
	if !ok {
		return
	}
	if p.reads == nil {
		p.reads = []byte{}
	}
	r.slots[j.index] = rememberedPage{rel: j.rel, page: p, set: true}
}

// commit hands this build's pages to the next build: the session's or
// the next process's.
func (r *pageRenderer) commit() {
	if r.next != nil {
		for _, sl := range r.slots {
			if sl.set {
				r.next[sl.rel] = sl.page
			}
		}
	}
	switch {
	case r.next == nil:
	case r.keep != nil:
		r.b.mem.pages.next = &renderState{digests: r.digests, env: r.env, outputs: r.next, build: r.b.id, table: r.table}
	default:
		r.b.mem.cache.render = &renderState{site: r.b.site, env: r.env, outputs: r.next, table: r.table, ids: r.ids}
	}
}
