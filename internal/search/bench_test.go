package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// benchDocs makes n articles of mixed Chinese and English text, about
// 2,000 characters each, from a vocabulary of a news site's size.
func benchDocs(n int) []Doc {
	rnd := rand.New(rand.NewPCG(7, 7))
	han := []rune("公司新闻发布会产品技术合作伙伴客户服务市场销售研发团队招聘展会签约项目管理质量安全环境文化员工活动年度会议中心城市国际经济发展创新数据平台系统")
	words := strings.Fields("launch product partner customer service market sales research team hiring expo contract project quality safety culture annual meeting center city international growth innovation data platform system release update office")
	docs := make([]Doc, n)
	for i := range docs {
		var b strings.Builder
		for b.Len() < 4000 {
			if rnd.IntN(3) == 0 {
				b.WriteString(words[rnd.IntN(len(words))])
				b.WriteString(" ")
			} else {
				for range 2 + rnd.IntN(6) {
					b.WriteRune(han[rnd.IntN(len(han))])
				}
				b.WriteString("，")
			}
		}
		docs[i] = Doc{URL: fmt.Sprintf("/news/%d/", i), Title: fmt.Sprintf("新闻 %d %s", i, words[i%len(words)]),
			Section: "新闻", Date: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/3), Body: b.String()}
	}
	return docs
}

func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		docs := benchDocs(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var ix Index
			for b.Loop() {
				ix = Build(docs, Options{})
			}
			size := 0
			for _, d := range ix.Files {
				size += len(d)
			}
			b.ReportMetric(float64(len(ix.Files)), "files")
			b.ReportMetric(float64(size)/1e6, "MB")
			b.ReportMetric(float64(len(ix.Files[EntryFile]))/1e3, "entry-KB")
		})
	}
}
