package cli

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserSearch: the search page, in Chromium, finds what the index
// the preview server built holds: a query in the address comes back in
// the box with its results, the article a term is in first; a query in
// traditional characters finds, and marks, what is written in simplified;
// typing finds as it goes (a word typed in part matches); a filter
// narrows the results and goes into the address.
func TestBrowserSearch(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	exe := chromium(t)
	base := startServe(t, a11ySite(t))
	waitServing(t, base+"/search/")

	browserCtx := startBrowser(t, exe)
	const firstResult = `(document.querySelector(".search-result a") || {}).pathname || ""`
	type step struct {
		name    string
		actions []chromedp.Action[chromedp.Void]
	}
	for _, s := range []step{
		{"a Chinese query in the address", []chromedp.Action[chromedp.Void]{
			chromedp.Navigate(base + "/search/?q=%E7%AB%AF%E5%8D%88"), // 端午
			waitJS(firstResult, "/events/2023/"),
			waitJS(`document.querySelector("#search-q").value`, "端午"),
			waitJS(`document.querySelector(".search-result mark").textContent`, "端午"),
		}},
		{"a traditional query on a simplified site", []chromedp.Action[chromedp.Void]{
			chromedp.Navigate(base + "/search/"),
			waitJS(`document.querySelector(".search").className`, "search--ready"),
			chromedp.Evaluate[chromedp.Void](`(() => { const i = document.querySelector("#search-q"); i.value = "端午節"; i.dispatchEvent(new Event("input")); })()`),
			waitJS(firstResult, "/events/2023/"),
			waitJS(`document.querySelector(".search-result mark").textContent`, "端午节"),
		}},
		{"an English query typed in part", []chromedp.Action[chromedp.Void]{
			chromedp.Navigate(base + "/en/search/"),
			waitJS(`document.querySelector(".search").className`, "search--ready"),
			chromedp.Evaluate[chromedp.Void](`(() => { const i = document.querySelector("#search-q"); i.value = "partners"; i.dispatchEvent(new Event("input")); })()`),
			waitJS(firstResult, "/en/news/2024/01/partnership/"),
			waitJS(`location.search`, "q=partners"),
			waitJS(`document.querySelector("[role=status]").textContent`, "results"),
		}},
		{"a filter", []chromedp.Action[chromedp.Void]{
			chromedp.Navigate(base + "/en/search/?q=exchange"),
			waitJS(firstResult, "/en/"),
			chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector("#search-year"); s.value = "2019"; s.dispatchEvent(new Event("change")); })()`),
			waitJS(`[...document.querySelectorAll(".search-result time")].map(t => t.textContent.slice(0, 4)).join()`, "2019"),
			waitJS(`String([...document.querySelectorAll(".search-result time")].every(t => t.textContent.startsWith("2019")))`, "true"),
			waitJS(`location.search`, "year=2019"),
		}},
	} {
		ctx, cancelStep := context.WithTimeout(browserCtx, 30*time.Second)
		if err := chromedp.Do(ctx, s.actions...); err != nil {
			t.Errorf("%s: %v", s.name, err)
		}
		cancelStep()
	}
}
