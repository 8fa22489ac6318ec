package build

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bulletin-ssg/bulletin/internal/diag"
	"github.com/bulletin-ssg/bulletin/internal/filesum"
	"github.com/bulletin-ssg/bulletin/internal/images"
	"github.com/bulletin-ssg/bulletin/internal/scratch"
	"github.com/bulletin-ssg/bulletin/internal/wire"
)

// siteImage is an image file of content/ or of the site's assets/: what
// pages need to show it, and, once a job asked, its published bytes.
type siteImage struct {
	src   string // site-relative: content/news/a.jpg, assets/images/b.png
	info  images.Info
	set   images.Set // its variants, when resizable
	sized bool
	sum   filesum.Sum // of the source's bytes

	once sync.Once
	out  [][]byte // the original as published, then set.All()'s variants
	err  error
	// jobs counts the outputs still to publish the image (a bundle's
	// photo is published beside each language's page): the last lets
	// its bytes go, which a site of a thousand photos would otherwise
	// hold to the end of the build.
	jobs atomic.Int32
}

// outputs are the image's output files' names for an image published at
// dest: the original, then each variant beside it.
func (im *siteImage) outputs(dest string) []string {
	names := []string{dest}
	if im.sized {
		for _, v := range im.set.All() {
			names = append(names, v.Name(dest))
		}
	}
	return names
}

// imageMemo is what the image memory keeps of one image: enough to name
// and place its variants, and to leave its outputs as they are, without
// reading the file again while its stamp holds.
type imageMemo struct {
	stamp  stamp
	readAt int64
	sum    filesum.Sum
	info   images.Info
	// settings and outs: the images.Settings.Key the outputs were made
	// with, and each output's sum, in outputs' order.
	settings string
	outs     []filesum.Sum
	// integrity, for a photo of assets/, is its published original's
	// Subresource Integrity under these settings, which names its
	// fingerprinted copy: known, the photo need not be read.
	integrity string
}

// imageMemory carries images from one build to the next: the memo of
// each by path, and the folder of processed outputs (images/ in the
// render cache's folder; "" keeps nothing on disk).
type imageMemory struct {
	dir  string
	mu   sync.Mutex
	prev map[string]imageMemo
	next map[string]imageMemo
}

const imageMemoFile = "images.memory"

func openImageMemory(dir string) *imageMemory {
	m := &imageMemory{dir: dir, prev: map[string]imageMemo{}, next: map[string]imageMemo{}}
	if dir != "" {
		if data, err := os.ReadFile(filepath.Join(dir, imageMemoFile)); err == nil {
			if prev, err := decodeImageMemos(data); err == nil {
				m.prev = prev // a broken memory is an empty one
			}
		}
	}
	return m
}

func (m *imageMemory) recall(src string, st stamp) (imageMemo, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.prev[src]
	return e, ok && trusted(e.stamp, st, e.readAt)
}

// recallBytes returns the memo of an image the build has read, when it
// was of the same bytes.
func (m *imageMemory) recallBytes(src string, sum filesum.Sum) (imageMemo, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.prev[src]
	return e, ok && e.sum == sum
}

// The encoding: imageMemoMagic count (path size mod ino ctime readAt
// sum[16] format width height orientation animated settings count
// sum[16]* integrity)*, strings and numbers as in the file memory.

// imageMemoMagic begins the encoding; it changes with it, so that an
// earlier one reads as no memory.
const imageMemoMagic = "images 2\n"

func encodeImageMemos(memos map[string]imageMemo) []byte {
	b := binary.AppendUvarint([]byte(imageMemoMagic), uint64(len(memos)))
	for path, e := range memos {
		b = wire.AppendField(b, path)
		for _, n := range []int64{e.stamp.size, e.stamp.mod, int64(e.stamp.ino), e.stamp.ctime, e.readAt,
			int64(e.info.Format), int64(e.info.Width), int64(e.info.Height), int64(e.info.Orientation)} {
			b = binary.AppendVarint(b, n)
		}
		b = append(b, e.sum[:]...)
		animated := byte(0)
		if e.info.Animated {
			animated = 1
		}
		b = append(b, animated)
		b = wire.AppendField(b, e.settings)
		b = binary.AppendUvarint(b, uint64(len(e.outs)))
		for _, s := range e.outs {
			b = append(b, s[:]...)
		}
		b = wire.AppendField(b, e.integrity)
	}
	return b
}

var errBadImageMemory = errors.New("image memory: corrupt")

func decodeImageMemos(data []byte) (map[string]imageMemo, error) {
	data, ok := bytes.CutPrefix(data, []byte(imageMemoMagic))
	if !ok {
		return nil, errBadImageMemory
	}
	r := wire.NewReader(data)
	n := r.Count(1 + 9 + 16 + 1 + 1 + 1 + 1)
	memos := make(map[string]imageMemo, n)
	for ; n > 0 && r.Err() == nil; n-- {
		path := r.String()
		var nums [9]int64
		for i := range nums {
			nums[i] = r.Varint()
		}
		e := imageMemo{stamp: stamp{size: nums[0], mod: nums[1], ino: uint64(nums[2]), ctime: nums[3]}, readAt: nums[4],
			info: images.Info{Format: images.Format(nums[5]), Width: int(nums[6]), Height: int(nums[7]), Orientation: int(nums[8])}}
		copy(e.sum[:], r.Bytes(len(e.sum)))
		e.info.Animated = r.Byte() == 1
		e.settings = r.String()
		outs := r.Count(16)
		for ; outs > 0 && r.Err() == nil; outs-- {
			var s filesum.Sum
			copy(s[:], r.Bytes(len(s)))
			e.outs = append(e.outs, s)
		}
		e.integrity = r.String()
		memos[path] = e
	}
	if r.Err() != nil || r.Len() != 0 {
		return nil, errBadImageMemory
	}
	return memos, nil
}

func (m *imageMemory) remember(src string, e imageMemo) {
	m.mu.Lock()
	m.next[src] = e
	m.mu.Unlock()
}

// discard forgets what a build that failed learned.
func (m *imageMemory) discard() {
	m.mu.Lock()
	m.next = map[string]imageMemo{}
	m.mu.Unlock()
}

// save writes what this build knew for the next one, which starts from
// it (a session's next build too).
func (m *imageMemory) save() error {
	m.mu.Lock()
	m.prev, m.next = m.next, map[string]imageMemo{}
	data := encodeImageMemos(m.prev)
	m.mu.Unlock()
	if m.dir == "" {
		return nil
	}
	if err := os.MkdirAll(m.dir, 0o755); err != nil {
		return err
	}
	return scratch.Replace{Prefix: ".index-"}.WriteFile(scratch.Dir(m.dir), imageMemoFile, data, 0o644)
}

// probeImages learns the size and format of every image file of content/
// (files, content-relative), from the image memory while a file's stamp
// holds, else by reading it.
func (b *builder) probeImages(ctx context.Context, files []string, stamps *listing) {
	var found []string
	for _, rel := range files {
		if images.FormatOf(rel) != images.Unknown {
			found = append(found, rel)
		}
	}
	if len(found) == 0 {
		return
	}
	mem := b.mem.imageMemory()
	key := b.settings.Images.Key()
	all := make([]*siteImage, len(found))
	b.fail(parallel(ctx, len(found), func(i int) error {
		src := "content/" + found[i]
		st := stamps.stamps[found[i]]
		e, ok := mem.recall(src, st)
		info := e.info
		if !ok {
			readAt := readClock().UnixNano()
			data, err := fs.ReadFile(b.opts.Source, src)
			if err != nil {
				return err
			}
			if info, err = images.Probe(src, data); err != nil {
				// Published as it is, as any other file: a file named
				// .png that is not one is no reason to stop the site.
				b.log.Debug("not resized", "file", src, "error", err)
				return nil
			}
			e = imageMemo{stamp: st, readAt: readAt, sum: filesum.Of(data), info: info}
		}
		all[i] = b.planImage(src, e, key)
		return nil
	}))
	b.images = make(siteImages, len(found))
	for i, rel := range found {
		if all[i] != nil {
			b.images[rel] = all[i]
		}
	}
}

// planImage makes the siteImage of the image at src, whose memo e has
// its info, and notes it for the next build: with the sums of its
// outputs while they are of these settings (key).
func (b *builder) planImage(src string, e imageMemo, key string) *siteImage {
	im := &siteImage{src: src, info: e.info, sum: e.sum}
	im.set, im.sized = images.Plan(e.info, b.settings.Images)
	if e.settings != key || len(e.outs) != len(im.outputs("x")) {
		e.settings, e.outs = "", nil
	}
	b.mem.imageMemory().remember(src, e)
	return im
}

// assetImage makes the siteImage of a photo of the site's assets/, read
// as data at readAt: nil when it is not one (another kind of file, or a
// file named .png that is not one: an asset as any other). published is
// the image as it is published, which the asset's fingerprinted copy
// holds too.
func (b *builder) assetImage(a *asset, data []byte, readAt int64) (im *siteImage, published []byte, err error) {
	if b.settings == nil || !images.FormatOf(a.rel).Resizable() {
		return nil, data, nil
	}
	src := "assets/" + a.rel
	info, err := images.Probe(src, data)
	if err != nil {
		b.log.Debug("not resized", "file", src, "error", err)
		return nil, data, nil
	}
	sum := filesum.Of(data)
	e, ok := b.mem.imageMemory().recallBytes(src, sum)
	if !ok {
		e = imageMemo{sum: sum, info: info}
	}
	e.stamp, e.readAt = a.stamp, readAt
	im = b.planImage(src, e, b.settings.Images.Key())
	// What publish makes of it first; stripping reads no pixel.
	if published, err = images.Strip(data, info, b.settings.Images); err != nil {
		return nil, nil, diag.At(src, 0, 0, "%v", err)
	}
	return im, published, nil
}

// recallAssetImage names and sizes a photo of the site's assets/ from
// the image memory, without reading it, while its stamp holds and the
// image settings are the ones its integrity was made under. It reports
// whether it could.
func (b *builder) recallAssetImage(a *asset) bool {
	if b.settings == nil || !images.FormatOf(a.rel).Resizable() {
		return false
	}
	src := "assets/" + a.rel
	key := b.settings.Images.Key()
	e, ok := b.mem.imageMemory().recall(src, a.stamp)
	if !ok || e.integrity == "" || e.settings != key {
		return false
	}
	a.image = b.planImage(src, e, key)
	a.setIntegrity(e.integrity)
	a.setSize(nil)
	return true
}

// noteAssetImage keeps a photo of assets/'s integrity, just made of its
// published bytes, in the image memory: the next build names it without
// reading it.
func (b *builder) noteAssetImage(a *asset) {
	mem := b.mem.imageMemory()
	mem.mu.Lock()
	defer mem.mu.Unlock()
	e := mem.next[a.image.src]
	e.integrity = a.integrity
	mem.next[a.image.src] = e
}

// assetBytes is an asset's published bytes: a photo's are its job's.
func (b *builder) assetBytes(a *asset) ([]byte, error) {
	if a.image == nil {
		return a.data, nil
	}
	out, err := b.publish(a.image)
	if err != nil {
		return nil, err
	}
	return out[0], nil
}

// siteImages are image files of the site by path: content's by
// content-relative path, assets' by their path under assets/.
type siteImages map[string]*siteImage

// info reports the size of an image that gets variants. The graph asks
// it for covers and the logo, and keeps it: as a method of the table, not
// of the builder, it keeps the table alone. A graph that held its
// builder would hold, through the builder's page renderer, the previous
// build's graph, and a session would keep every graph it ever built.
func (t siteImages) info(rel string) (images.Info, bool) {
	im, ok := t[rel]
	if !ok || !im.sized {
		return images.Info{}, false
	}
	return im.info, true
}

// resolveImage answers markdown.ImageTarget: the image's info when it
// gets variants. A target from the site's root is a URL path as the
// Markdown wrote it: under the base path, a photo of assets/ or of
// content/ is published at the rest.
func (b *builder) resolveImage(target string) (string, bool) {
	var info images.Info
	var ok bool
	if strings.HasPrefix(target, "/") {
		base, err := url.PathUnescape(b.settings.BasePath) // as the target is
		if rel, under := strings.CutPrefix(target, base); err == nil && under {
			info, ok = b.site.PhotoAt(rel)
		}
	} else {
		info, ok = b.images.info(target)
	}
	if !ok {
		return "", false
	}
	return info.String(), true
}

// imagesDigest identifies what pages see of the site's images, for the
// link digest and the file memory (the load stage keeps it as imagesKey).
func (b *builder) imagesDigest() string {
	var k strings.Builder
	for _, rel := range slices.Sorted(maps.Keys(b.images)) {
		fmt.Fprintf(&k, "%s\x00%s\x00", rel, b.images[rel].info)
	}
	k.WriteByte(0xff)
	for _, rel := range slices.Sorted(maps.Keys(b.assetImages)) {
		fmt.Fprintf(&k, "%s\x00%s\x00", rel, b.assetImages[rel].info)
	}
	return k.String()
}

// publishImage writes an image and its variants. The image memory knows
// each output's sum once a build wrote it: an output that holds those
// bytes stays as it is, and the image is not read at all.
func (o *outputs) publishImage(j job) error {
	b, im := o.b, j.image
	mem := b.mem.imageMemory()
	names := im.outputs(j.rel)
	own := len(names)
	// at[i] is the output of names[i]: the original is published twice
	// when it has a fingerprinted name too.
	at := make([]int, len(names))
	for i := range at {
		at[i] = i
	}
	if j.fingerprinted != "" {
		names, at = append(names, j.fingerprinted), append(at, 0)
	}
	mem.mu.Lock()
	e := mem.next[im.src] // as probeImages left it: the outputs' sums if they still hold
	mem.mu.Unlock()
	defer func() {
		if im.jobs.Add(-1) == 0 {
			im.out = nil
		}
	}()
	if k, ok := b.sink.(keeper); ok && len(e.outs) == own && e.settings == b.settings.Images.Key() {
		kept := true
		for i, n := range names {
			if !k.Keep(n, e.outs[at[i]]) {
				kept = false
				break
			}
		}
		if kept {
			b.filesWritten.Add(int64(len(names) - 1))
			return nil
		}
	}
	out, err := b.publish(im)
	if err != nil {
		return err
	}
	sums := make([]filesum.Sum, len(out))
	for i, data := range out {
		sums[i] = filesum.Of(data)
	}
	sw, summed := b.sink.(sumWriter)
	for i, n := range names {
		if summed {
			err = sw.WriteSum(n, out[at[i]], sums[at[i]])
		} else {
			err = b.sink.Write(n, out[at[i]])
		}
		if err != nil {
			return err
		}
	}
	b.filesWritten.Add(int64(len(names) - 1))
	e.settings, e.outs = b.settings.Images.Key(), sums
	mem.remember(im.src, e)
	return nil
}

// publish returns the image's outputs' bytes, processing it once per
// build, from the image memory's folder when it holds them.
func (b *builder) publish(im *siteImage) ([][]byte, error) {
	im.once.Do(func() {
		mem := b.mem.imageMemory()
		key := im.sum.String() + "-" + filesum.Of([]byte(b.settings.Images.Key())).String()[:8]
		names := im.outputs("o" + filepath.Ext(im.src)) // in the cache, an image's files are o.jpg, o_480w.jpg...
		if mem.dir != "" {
			if out, ok := readProcessed(filepath.Join(mem.dir, key), names); ok {
				im.out = out
				return
			}
		}
		data, err := fs.ReadFile(b.opts.Source, im.src)
		if err == nil && filesum.Of(data) != im.sum {
			err = fmt.Errorf("changed while the site was built")
		}
		if err != nil {
			im.err = fmt.Errorf("%s: %w", im.src, err)
			return
		}
		if !im.sized {
			orig, err := images.Strip(data, im.info, b.settings.Images)
			im.out, im.err = [][]byte{orig}, err
		} else {
			orig, outs, err := images.Process(data, im.info, im.set, b.settings.Images)
			im.err = err
			im.out = [][]byte{orig}
			for _, o := range outs {
				im.out = append(im.out, o.Data)
			}
		}
		if im.err != nil {
			im.err = diag.At(im.src, 0, 0, "%v", im.err)
			return
		}
		if mem.dir != "" {
			// A cache that cannot be written costs time, not the build.
			_ = writeProcessed(filepath.Join(mem.dir, key), names, im.out)
		}
	})
	return im.out, im.err
}

// readProcessed reads an image's outputs from its folder in the cache.
func readProcessed(dir string, names []string) ([][]byte, bool) {
	out := make([][]byte, len(names))
	for i, n := range names {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return nil, false
		}
		out[i] = data
	}
	return out, true
}

func writeProcessed(dir string, names []string, out [][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i, n := range names {
		if err := (scratch.Replace{Prefix: ".image-"}).WriteFile(scratch.Dir(dir), n, out[i], 0o644); err != nil {
			return err
		}
	}
	return nil
}
