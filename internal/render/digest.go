package render

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/bulletin-ssg/bulletin/internal/config"
	"github.com/bulletin-ssg/bulletin/internal/site"
)

// Digests stand for a graph where the graph itself cannot be kept: the
// next process (`bulletin build` after `bulletin build`) compares the
// new graph with the digests of the old one's groups, as Changes compares
// two graphs. Every digest covers exactly the fields Changes compares for
// its group, so the two agree (TestDigestsAgreeWithChanges).
type Digests struct {
	Pages map[string]PageDigest // by site path
	Site  [len(siteGroups)]Sum
}

// Sum is a digest of one group: a truncated SHA-256, long enough that two
// different groups never meet by chance.
type Sum [16]byte

// PageDigest has one Sum per page group, in pageGroups' order.
type PageDigest [len(pageGroups)]Sum

var siteGroups = [...]Group{GroupSettings, GroupSections, GroupPages, GroupTaxonomies}

// Digest computes the digests of a graph, its pages on every core.
func Digest(s *site.Site) *Digests {
	all := s.AllPages()
	sums := make([]PageDigest, len(all))
	workers := min(runtime.GOMAXPROCS(0), 1+len(all)/512)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			d := newDigester()
			for i := w; i < len(all); i += workers {
				for j, g := range pageGroups {
					sums[i][j] = d.page(all[i], g)
				}
			}
		})
	}
	wg.Wait()
	out := &Digests{Pages: make(map[string]PageDigest, len(all))}
	for i, p := range all {
		out.Pages[p.Path] = sums[i]
	}
	d := newDigester()
	for i, g := range siteGroups {
		out.Site[i] = d.site(s, g)
	}
	return out
}

// ChangesSince is Changes with the old graph known only by its digests.
// It returns the new graph's digests too, for the build after this one.
func ChangesSince(before *Digests, after *site.Site) (map[Dep]struct{}, *Digests) {
	now := Digest(after)
	changed := map[Dep]struct{}{}
	for path, sums := range now.Pages {
		old, ok := before.Pages[path]
		for i, g := range pageGroups {
			if !ok || old[i] != sums[i] {
				changed[Dep{path, g}] = struct{}{}
			}
		}
	}
	for path := range before.Pages {
		if _, ok := now.Pages[path]; !ok {
			for _, g := range pageGroups {
				changed[Dep{path, g}] = struct{}{}
			}
		}
	}
	for i, g := range siteGroups {
		if before.Site[i] != now.Site[i] {
			changed[Dep{SiteID, g}] = struct{}{}
		}
	}
	return changed, now
}

// Covers reports whether s has exactly the pages the digests were taken
// of (by path).
func (d *Digests) Covers(s *site.Site) bool {
	all := s.AllPages()
	if len(all) != len(d.Pages) {
		return false
	}
	for _, p := range all {
		if _, ok := d.Pages[p.Path]; !ok {
			return false
		}
	}
	return true
}

// ChangesIn is ChangesSince for a graph of which the caller knows that
// only the pages maybe reports can differ from the graph the digests were
// taken of (their sources changed nothing the graph is built from: see
// the build's bodiesOnly). Every other page, and the site, keeps its
// digests, and only those pages are digested again. ok is false, and
// nothing is computed, when the graph's pages are not the digests' pages:
// the caller then uses ChangesSince.
//
// ChangesIn takes before over: now is before, with the pages maybe
// reports digested anew (copying every page's digests to change one was
// most of its time).
func ChangesIn(before *Digests, after *site.Site, maybe func(*site.Page) bool) (changed map[Dep]struct{}, now *Digests, digested int, ok bool) {
	if !before.Covers(after) {
		return nil, nil, 0, false
	}
	now, changed = before, map[Dep]struct{}{}
	d := newDigester()
	for _, p := range after.AllPages() {
		if !maybe(p) {
			continue
		}
		digested++
		old := now.Pages[p.Path]
		var sums PageDigest
		for j, g := range pageGroups {
			if sums[j] = d.page(p, g); sums[j] != old[j] {
				changed[Dep{p.Path, g}] = struct{}{}
			}
		}
		now.Pages[p.Path] = sums
	}
	return changed, now, digested, true
}

// digester writes fields into a hash, each one framed (a length before
// every text, a tag before every value of a map) so that two different
// field lists never write the same bytes.
type digester struct {
	buf []byte // the group's fields, hashed at once by sum
}

func newDigester() *digester { return &digester{} }

func (d *digester) sum() Sum {
	full := sha256.Sum256(d.buf)
	d.buf = d.buf[:0]
	return Sum(full[:16])
}

func (d *digester) str(s string) {
	d.buf = append(binary.AppendUvarint(d.buf, uint64(len(s))), s...)
}

func (d *digester) int(n int64) {
	d.buf = binary.AppendVarint(d.buf, n)
}

func (d *digester) bool(v bool) {
	if v {
		d.int(1)
	} else {
		d.int(0)
	}
}

// instant is what time.Equal compares.
func (d *digester) instant(t time.Time) {
	d.int(t.Unix())
	d.int(int64(t.Nanosecond()))
}

// date is what Changes compares of a page's dates: the instant, and the
// zone it is shown in.
func (d *digester) date(t time.Time) {
	d.instant(t)
	d.str(t.Location().String())
}

func (d *digester) paths(ps []*site.Page) {
	d.int(int64(len(ps)))
	for _, p := range ps {
		d.str(p.Path)
	}
}

// page digests one group of a page: the fields of that group in the
// tables of fields.go (its term's too, for a term's page, and its
// paginators', for its list), as Changes compares them.
func (d *digester) page(p *site.Page, g Group) Sum {
	if g == GroupContent && p.ContentSum != (Sum{}) {
		return p.ContentSum
	}
	d.int(int64(g))
	eachPageField(p, g, func(f *field[*site.Page]) bool { f.digest(d, p); return true },
		func(f *field[*site.Term]) bool { f.digest(d, p.Term); return true },
		func(i int, f *field[*site.Paginator]) bool { f.digest(d, p.Pagers[i]); return true })
	return d.sum()
}

// eachPageField calls the right function for every field a page's group
// covers: the page's own, its term's (on the term's page), and each of
// its paginators' (in its list group, with the paginator's index), until
// one returns false; it reports whether none did.
func eachPageField(p *site.Page, g Group, own func(*field[*site.Page]) bool, term func(*field[*site.Term]) bool, pager func(int, *field[*site.Paginator]) bool) bool {
	for _, f := range pageFields.inGroup(g) {
		if !own(f) {
			return false
		}
	}
	if p.Term != nil && p.Term.Page == p {
		for _, f := range termFields.inGroup(g) {
			if !term(f) {
				return false
			}
		}
	}
	if g == GroupList {
		for i := range p.Pagers {
			for j := range paginatorFields.list {
				if !pager(i, &paginatorFields.list[j]) {
					return false
				}
			}
		}
	}
	return true
}

// termPaths digests a list of terms by identity: their pages' paths.
func (d *digester) termPaths(ts []*site.Term) {
	d.int(int64(len(ts)))
	for _, t := range ts {
		d.str(t.Page.Path)
	}
}

// site digests one site-wide group: its fields in fields.go.
func (d *digester) site(s *site.Site, g Group) Sum {
	d.int(int64(g))
	langs := siteLanguages(s)
	if len(langs) > 1 {
		d.int(int64(len(langs)))
	}
	for _, l := range langs {
		for _, f := range siteFields.inGroup(g) {
			f.digest(d, l)
		}
	}
	return d.sum()
}

// footer digests a footer as value does, without reflection: every page
// has one.
func (d *digester) footer(f config.Footer) {
	for _, s := range [...]string{f.ICP, f.ICPURL, f.PSB, f.PSBURL, f.Copyright} {
		d.str(s)
	}
	d.bool(f.PoweredBy)
	d.params(f.Params)
}

// params digests front matter: the types its decoders give are digested
// directly, anything else through value.
func (d *digester) params(m map[string]any) {
	d.bool(m == nil)
	d.int(int64(len(m)))
	var small [16]string // front matter has a few keys: no allocation
	keys := small[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		d.str(k)
		d.any(m[k])
	}
}

func (d *digester) any(v any) {
	switch v := v.(type) {
	case nil:
		d.str("nil")
	case string:
		d.str("s")
		d.str(v)
	case bool:
		d.str("b")
		d.bool(v)
	case int64:
		d.str("i")
		d.int(v)
	case float64:
		d.str("f")
		d.int(int64(math.Float64bits(v)))
	case []any:
		d.str("l")
		d.bool(v == nil)
		d.int(int64(len(v)))
		for _, x := range v {
			d.any(x)
		}
	case map[string]any:
		d.str("m")
		d.params(v)
	default:
		d.str("v")
		d.value(reflect.ValueOf(v))
	}
}

var timeType = reflect.TypeFor[time.Time]()

// value digests what reflect.DeepEqual compares of settings and front
// matter: structs, maps (in key order), slices and plain values, each
// with its type, so that 1 and "1" and int64(1) differ as they do there.
func (d *digester) value(v reflect.Value) {
	if !v.IsValid() {
		d.str("nil")
		return
	}
	t := v.Type()
	d.str(t.String())
	if t == timeType {
		// DeepEqual compares the struct: the same instant in two zones
		// differs. Digest what it shows.
		t := v.Interface().(time.Time)
		d.str(t.Format(time.RFC3339Nano))
		d.str(t.Location().String())
		return
	}
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		d.bool(v.IsNil())
		if !v.IsNil() {
			d.value(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			d.value(v.Field(i))
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice {
			d.bool(v.IsNil())
		}
		d.int(int64(v.Len()))
		for i := range v.Len() {
			d.value(v.Index(i))
		}
	case reflect.Map:
		d.bool(v.IsNil())
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int {
			return strings.Compare(fmt.Sprint(a.Interface()), fmt.Sprint(b.Interface()))
		})
		d.int(int64(len(keys)))
		for _, k := range keys {
			d.value(k)
			d.value(v.MapIndex(k))
		}
	case reflect.String:
		d.str(v.String())
	case reflect.Bool:
		d.bool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		d.int(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		d.int(int64(v.Uint()))
	case reflect.Float32, reflect.Float64:
		d.int(int64(math.Float64bits(v.Float())))
	default:
		// Not something front matter or settings hold: digest its text.
		d.str(fmt.Sprintf("%#v", v.Interface()))
	}
}
