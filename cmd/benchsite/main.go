// Command benchsite writes a deterministic company news site of N articles
// for benchmarking bulletin (and, with -hugo, the same corpus with RFC 3339
// dates for Hugo, which misreads "2020-07-30 16:20").
//
//	go run ./cmd/benchsite -n 10000 -out /tmp/site
//
// Every article: an English or Chinese title, a date over ten years, 1–4
// of 60 tags, one of 8 categories, ~600–1200 words with headings, lists,
// a table, code, an image, footnotes and links to earlier articles; 1% are
// drafts. The same -n and -seed always give the same bytes. It never
// writes outside -out.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	n := flag.Int("n", 1000, "number of articles")
	out := flag.String("out", "", "folder to write the site into (must not exist or be empty)")
	seed := flag.Uint64("seed", 1, "random seed")
	hugo := flag.Bool("hugo", false, "write RFC 3339 dates (for Hugo)")
	translate := flag.Bool("translate", false, "make the site bilingual: every article also in English (name.en.md), which links the English versions")
	photos := flag.Bool("photos", false, "make every article a bundle with a photo of its own, 4000×3000 as a phone takes it, shown at the top of its text")
	bundles := flag.Bool("bundles", false, "make every article a bundle, as -photos does, without the photo: the same site less its photos")
	flag.Parse()
	if *out == "" || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: benchsite -n N -out DIR")
		os.Exit(2)
	}
	if err := write(*out, *n, *seed, *hugo, *translate, *photos, *bundles); err != nil {
		fmt.Fprintln(os.Stderr, "benchsite:", err)
		os.Exit(1)
	}
}

var (
	enWords = strings.Fields(`company exchange culture partner programme event student teacher visit
		city river office team project report annual meeting agreement training language translation
		festival exhibition workshop community market research cooperation delegation forum award
		season plan service customer product launch growth region network schedule volunteer`)
	zhWords = []string{"公司", "交流", "文化", "合作", "项目", "活动", "学生", "老师", "访问", "城市",
		"发展", "会议", "协议", "培训", "语言", "翻译", "节日", "展览", "工作坊", "社区", "市场", "研究",
		"代表团", "论坛", "奖项", "计划", "服务", "客户", "产品", "发布", "增长", "地区", "志愿者"}
	categories = []string{"公司新闻", "活动", "公告", "合作", "媒体报道", "招聘", "Press", "Events"}
)

func tagName(i int) string {
	if i%2 == 0 {
		return fmt.Sprintf("topic-%02d", i)
	}
	return fmt.Sprintf("主题%02d", i)
}

type article struct {
	file, slug, title string
	date              time.Time
}

func write(out string, n int, seed uint64, hugo, translate, photos, bundles bool) error {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	zone, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		zone = time.FixedZone("CST", 8*3600)
	}
	files := map[string]string{
		"content/_index.md": `---
title: Benchmark News
baseURL: https://bench.example.com/
language: zh-CN
timezone: Asia/Shanghai
paginate: 10
permalinks:
  news: /news/:year/:month/:slug/
company: {name: Benchmark Co., Ltd., address: Wuhan}
footer:
  icp: 鄂ICP备00000000号
  copyright: "© {year} Benchmark Co., Ltd."
---
A generated site for benchmarks.
`,
		"content/news/_index.md": "---\ntitle: News\n---\n",
	}
	start := time.Date(2015, 1, 1, 8, 0, 0, 0, zone)
	span := 10 * 365 * 24 * time.Hour
	arts := make([]article, n)
	for i := range arts {
		d := start.Add(time.Duration(int64(span) / int64(n) * int64(i))).Truncate(time.Minute)
		d = d.Add(time.Duration(r.IntN(600)) * time.Minute)
		slug := fmt.Sprintf("article-%05d", i)
		file := fmt.Sprintf("content/news/%d/%s-%s.md", d.Year(), d.Format("2006-01-02"), slug)
		if photos || bundles {
			file = strings.TrimSuffix(file, ".md") + "/index.md" // a bundle, beside its photo
		}
		arts[i] = article{
			file:  file,
			slug:  slug,
			title: title(r, i),
			date:  d,
		}
	}
	for i, a := range arts {
		files[a.file] = articleText(r, arts, i, hugo)
	}
	var photo []byte
	if photos {
		photo = phonePhoto()
		for i, a := range arts {
			text := files[a.file]
			end := strings.Index(text[4:], "---\n") + 8 // after the front matter
			files[a.file] = text[:end] + "\n![" + a.slug + "](photo.jpg)\n" + text[end:]
			files[path.Join(path.Dir(a.file), "photo.jpg")] = string(photoNumbered(photo, i))
		}
	}
	if translate {
		// The English site: its own title, a section page, and every
		// article's English version (the same text, as long), linking
		// the English versions of the articles it names.
		files["content/_index.md"] = strings.Replace(files["content/_index.md"], "---\nA generated site",
			"languages:\n  en: {title: Benchmark News in English, company: {name: Benchmark Co.}}\n---\nA generated site", 1)
		files["content/news/_index.en.md"] = "---\ntitle: News\n---\n"
		for _, a := range arts {
			text := strings.Replace(files[a.file], "title: \"", "title: \"English: ", 1)
			files[strings.TrimSuffix(a.file, ".md")+".en.md"] = strings.ReplaceAll(text, ".md)", ".en.md)")
		}
	}
	// The images the articles show: small, but real files, so that links
	// check out (Hugo reads them from static/).
	images := "assets/images"
	if hugo {
		images = "static/images"
	}
	for i := range 20 {
		files[fmt.Sprintf("%s/photo-%d.jpg", images, i)] = fmt.Sprintf("not really a JPEG %d", i)
	}
	for name, text := range files {
		p := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// phonePhoto is a 4000×3000 JPEG with the detail of a photo: smooth
// light, edges and a little sensor noise, about 2 MB.
func phonePhoto() []byte {
	const w, h = 4000, 3000
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	r := rand.New(rand.NewPCG(7, 7))
	for y := range h {
		for x := range w {
			fx, fy := float64(x)/w, float64(y)/h
			v := 120 + 70*math.Sin(fx*9+fy*4) + 30*math.Cos(fy*17-fx*5) + r.NormFloat64()*3
			if (x/250+y/250)%2 == 0 {
				v += 20
			}
			img.Y[y*img.YStride+x] = uint8(max(0, min(255, v)))
		}
	}
	for y := range h / 2 {
		for x := range w / 2 {
			img.Cb[y*img.CStride+x] = uint8(128 + 40*math.Sin(float64(x)/300))
			img.Cr[y*img.CStride+x] = uint8(128 + 40*math.Cos(float64(y)/200))
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 88}); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// photoNumbered is the photo with its number in a JPEG comment: the same
// pixels, but other bytes, as every article's own photo has.
func photoNumbered(photo []byte, i int) []byte {
	comment := fmt.Sprintf("photo %d", i)
	out := append([]byte{}, photo[:2]...) // SOI
	out = append(out, 0xFF, 0xFE, 0, byte(len(comment)+2))
	out = append(out, comment...)
	return append(out, photo[2:]...)
}

func title(r *rand.Rand, i int) string {
	if i%2 == 0 {
		w := pick(r, enWords, 5+r.IntN(5))
		w[0] = strings.ToUpper(w[0][:1]) + w[0][1:]
		return fmt.Sprintf("%s %d", strings.Join(w, " "), i)
	}
	return fmt.Sprintf("%s（第%d号）", strings.Join(pick(r, zhWords, 6+r.IntN(4)), ""), i)
}

func pick(r *rand.Rand, from []string, k int) []string {
	out := make([]string, k)
	for i := range out {
		out[i] = from[r.IntN(len(from))]
	}
	return out
}

func articleText(r *rand.Rand, arts []article, i int, hugo bool) string {
	a := arts[i]
	var b strings.Builder
	date := a.date.Format("2006-01-02 15:04")
	if hugo {
		date = a.date.Format(time.RFC3339)
	}
	tags := map[int]bool{}
	for len(tags) < 1+r.IntN(4) {
		tags[r.IntN(60)] = true
	}
	var tagList []string
	for t := range 60 {
		if tags[t] {
			tagList = append(tagList, fmt.Sprintf("%q", tagName(t)))
		}
	}
	fmt.Fprintf(&b, "---\ntitle: %q\ndate: %s\ntags: [%s]\ncategories: [%q]\n", a.title, date, strings.Join(tagList, ", "), categories[r.IntN(len(categories))])
	if r.IntN(100) == 0 {
		b.WriteString("draft: true\n")
	}
	b.WriteString("---\n\n")
	zh := i%2 == 1
	words := 600 + r.IntN(600)
	written := 0
	section := 0
	for written < words {
		section++
		if zh {
			fmt.Fprintf(&b, "## 第%d部分 %s\n\n", section, strings.Join(pick(r, zhWords, 3), ""))
		} else {
			fmt.Fprintf(&b, "## Part %d: %s\n\n", section, strings.Join(pick(r, enWords, 3), " "))
		}
		for p := 0; p < 3 && written < words; p++ {
			k := 40 + r.IntN(60)
			b.WriteString(paragraph(r, zh, k))
			if p == 1 && i > 0 {
				j := r.IntN(i)
				rel, _ := filepath.Rel(filepath.Dir(a.file), arts[j].file)
				fmt.Fprintf(&b, " See [%s](%s).", arts[j].title, filepath.ToSlash(rel))
			}
			if p == 0 && section == 1 {
				b.WriteString("[^1]")
			}
			b.WriteString("\n\n")
			written += k
		}
		switch section % 4 {
		case 1:
			for l := 0; l < 4; l++ {
				fmt.Fprintf(&b, "- %s\n", paragraph(r, zh, 6))
			}
			b.WriteString("\n")
		case 2:
			b.WriteString("| Item | Count | Note |\n|---|---:|---|\n")
			for l := 0; l < 4; l++ {
				fmt.Fprintf(&b, "| %s | %d | %s |\n", pick(r, enWords, 1)[0], r.IntN(1000), pick(r, zhWords, 1)[0])
			}
			b.WriteString("\n")
		case 3:
			fmt.Fprintf(&b, "```go\nfunc event%d() int {\n\treturn %d\n}\n```\n\n", i, r.IntN(100))
		case 0:
			fmt.Fprintf(&b, "![%s](/images/photo-%d.jpg)\n\n", pick(r, enWords, 1)[0], r.IntN(20))
		}
	}
	b.WriteString("[^1]: " + paragraph(r, zh, 12) + "\n")
	return b.String()
}

func paragraph(r *rand.Rand, zh bool, k int) string {
	if zh {
		var b strings.Builder
		for written := 0; written < k; {
			w := zhWords[r.IntN(len(zhWords))]
			b.WriteString(w)
			written += len([]rune(w))
			if r.IntN(8) == 0 {
				b.WriteString("，")
			}
		}
		b.WriteString("。")
		return b.String()
	}
	w := pick(r, enWords, k)
	w[0] = strings.ToUpper(w[0][:1]) + w[0][1:]
	return strings.Join(w, " ") + "."
}
