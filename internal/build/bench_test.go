package build

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bulletin-ssg/bulletin"
)

// benchSite is an in-memory site of n articles over 4 sections and 20 tags.
func benchSite(n int) fstest.MapFS {
	fsys := fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: Bench\nlanguage: zh-CN\ntimezone: Asia/Shanghai\npaginate: 10\n---\n")}}
	body := strings.Repeat("中日两国外长通电话，讨论合作。The ministers agreed to meet again and to widen exchanges.\n\n", 30)
	for i := range n {
		name := fmt.Sprintf("content/s%d/2020-01-%02d-a%d.md", i%4, 1+i%28, i)
		text := fmt.Sprintf("---\ntitle: Article %d\ndate: 2020-01-%02d 10:%02d\ntags: [t%d, t%d]\n---\n## Heading\n\n%s", i, 1+i%28, i%60, i%20, (i*7)%20, body)
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// BenchmarkBuild is a whole build of 500 articles into memory.
func BenchmarkBuild(b *testing.B) {
	src := benchSite(500)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(context.Background(), Options{Source: src, Builtin: bulletin.Theme, Now: fixedNow}, newMemSink()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRebuildOneEdit is a session rebuild after one article changed.
func BenchmarkRebuildOneEdit(b *testing.B) {
	src := benchSite(500)
	s := NewSession(Options{Source: src, Builtin: bulletin.Theme, Now: fixedNow})
	if _, err := s.Build(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	const edited = "content/s0/2020-01-01-a0.md"
	orig := src[edited].Data
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		src[edited] = &fstest.MapFile{Data: append(append([]byte(nil), orig...), fmt.Sprintf("\nEdit %d.\n", i)...)}
		if _, err := s.Build(context.Background(), []string{edited}); err != nil {
			b.Fatal(err)
		}
	}
}
