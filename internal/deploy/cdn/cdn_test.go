package cdn

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/config"
	"github.com/bulletin-ssg/bulletin/internal/deploy"
)

var keys = deploy.Credentials{AccessKeyID: "LTAIEXAMPLEKEYID", SecretAccessKey: "example-secret-value"}

// provider is a fake provider's API on 127.0.0.1: it writes down what
// each request asked, as the provider would read it, and answers as the
// provider documents, or refuses.
type provider struct {
	*httptest.Server
	mu     sync.Mutex
	asked  []string // one line a request: action and what it refreshes
	signed []bool   // whether each request named the key ID
	refuse bool
}

func newProvider(t *testing.T, name string) *provider {
	p := &provider{}
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		p.mu.Lock()
		defer p.mu.Unlock()
		switch name {
		case "aliyun": // RPC: the action in a header, the parameters in the query or the form, ACS3 signatures
			r.Body = io.NopCloser(strings.NewReader(string(body)))
			r.ParseForm()
			p.asked = append(p.asked, r.Header.Get("x-acs-action")+" "+r.Form.Get("ObjectType")+" "+strings.ReplaceAll(r.Form.Get("ObjectPath"), "\n", " "))
			p.signed = append(p.signed, strings.Contains(r.Header.Get("Authorization"), "Credential="+keys.AccessKeyID+","))
			if p.refuse {
				w.WriteHeader(http.StatusForbidden)
				fmt.Fprintf(w, `{"RequestId":"r1","Code":"InvalidAccessKeyId.NotFound","Message":"Specified access key is not found: %s"}`, keys.AccessKeyID)
				return
			}
			io.WriteString(w, `{"RequestId":"r1","RefreshTaskId":"704222904"}`)
		case "tencent": // JSON, the action in a header, TC3 signatures
			var params struct {
				Urls, Paths []string
				FlushType   string
			}
			json.Unmarshal(body, &params)
			what := append(params.Urls, params.Paths...)
			p.asked = append(p.asked, r.Header.Get("X-TC-Action")+" "+params.FlushType+" "+strings.Join(what, " "))
			p.signed = append(p.signed, strings.Contains(r.Header.Get("Authorization"), "Credential="+keys.AccessKeyID+"/"))
			if p.refuse {
				fmt.Fprintf(w, `{"Response":{"Error":{"Code":"AuthFailure.SecretIdNotFound","Message":"The SecretId %s is not found"},"RequestId":"r1"}}`, keys.AccessKeyID)
				return
			}
			io.WriteString(w, `{"Response":{"TaskId":"t1","RequestId":"r1"}}`)
		case "cloudfront": // REST and XML, SigV4
			var batch struct {
				Paths []string `xml:"Paths>Items>Path"`
			}
			xml.Unmarshal(body, &batch)
			p.asked = append(p.asked, r.Method+" "+r.URL.Path+" "+strings.Join(batch.Paths, " "))
			p.signed = append(p.signed, strings.Contains(r.Header.Get("Authorization"), "Credential="+keys.AccessKeyID+"/"))
			w.Header().Set("Content-Type", "text/xml")
			if p.refuse {
				w.WriteHeader(http.StatusForbidden)
				io.WriteString(w, `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized</Message></Error><RequestId>r1</RequestId></ErrorResponse>`)
				return
			}
			w.Header().Set("Location", "https://cloudfront.amazonaws.com/2020-05-31/distribution/E2QWRUHAPOMQZL/invalidation/I1")
			w.WriteHeader(http.StatusCreated)
			io.WriteString(w, `<Invalidation><Id>I1</Id><Status>InProgress</Status><CreateTime>2024-06-01T00:00:00Z</CreateTime><InvalidationBatch><CallerReference>x</CallerReference><Paths><Quantity>1</Quantity><Items><Path>/</Path></Items></Paths></InvalidationBatch></Invalidation>`)
		}
	}))
	t.Cleanup(p.Close)
	return p
}

func (p *provider) take() ([]string, []bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	a, s := p.asked, p.signed
	p.asked, p.signed = nil, nil
	return a, s
}

const base = "https://news.example.com/"

func urls(n int) []string {
	var out []string
	for i := range n {
		out = append(out, fmt.Sprintf("%snews/%d/", base, i))
	}
	return out
}

// TestPurge: each provider is asked, through its SDK, signed with the
// deploy's key, to refresh the URLs, no more than a batch a request;
// more than MaxURLs refresh the site's folder in one request.
func TestPurge(t *testing.T) {
	two := []string{base + "news/a/", base + "news/%E6%96%B0/index.html"}
	tests := []struct {
		cdn         config.CDN
		two, folder string
	}{
		{config.CDN{Provider: "aliyun"},
			"RefreshObjectCaches File " + strings.Join(two, " "),
			"RefreshObjectCaches Directory " + base},
		{config.CDN{Provider: "tencent"},
			"PurgeUrlsCache  " + strings.Join(two, " "),
			"PurgePathCache flush " + base},
		{config.CDN{Provider: "cloudfront", Distribution: "E2QWRUHAPOMQZL"},
			"POST /2020-05-31/distribution/E2QWRUHAPOMQZL/invalidation /news/a/ /news/%E6%96%B0/index.html",
			"POST /2020-05-31/distribution/E2QWRUHAPOMQZL/invalidation /*"},
	}
	for _, tt := range tests {
		p := newProvider(t, tt.cdn.Provider)
		purger, err := New(tt.cdn, keys, p.URL)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		if err := purger.Purge(ctx, base, two); err != nil {
			t.Errorf("%s: %v", tt.cdn.Provider, err)
		}
		asked, signed := p.take()
		if !slices.Equal(asked, []string{tt.two}) || !slices.Equal(signed, []bool{true}) {
			t.Errorf("%s: asked %q (signed %v), want %q", tt.cdn.Provider, asked, signed, tt.two)
		}

		if err := purger.Purge(ctx, base, urls(batch*2+1)); err != nil {
			t.Errorf("%s: %v", tt.cdn.Provider, err)
		}
		if asked, _ = p.take(); len(asked) != 3 || strings.Count(asked[0], base+"news/")+strings.Count(asked[0], " /news/") != batch {
			t.Errorf("%s: %d URLs: %d requests, the first %.200q", tt.cdn.Provider, batch*2+1, len(asked), asked)
		}

		if err := purger.Purge(ctx, base, urls(MaxURLs+1)); err != nil {
			t.Errorf("%s: %v", tt.cdn.Provider, err)
		}
		if asked, _ = p.take(); !slices.Equal(asked, []string{tt.folder}) {
			t.Errorf("%s: more than MaxURLs: asked %q, want %q", tt.cdn.Provider, asked, tt.folder)
		}

		if err := purger.Purge(ctx, base, nil); err != nil {
			t.Errorf("%s: nothing to refresh: %v", tt.cdn.Provider, err)
		}
		if asked, _ = p.take(); len(asked) != 0 {
			t.Errorf("%s: nothing to refresh: asked %q", tt.cdn.Provider, asked)
		}

		// A provider that refuses: an error, without the keys.
		p.refuse = true
		err = purger.Purge(ctx, base, two)
		if err == nil || strings.Contains(err.Error(), keys.AccessKeyID) || strings.Contains(err.Error(), keys.SecretAccessKey) {
			t.Errorf("%s refusing: %v", tt.cdn.Provider, err)
		}
	}
}

func TestNewUnknown(t *testing.T) {
	if _, err := New(config.CDN{Provider: "akamai"}, keys, ""); err == nil {
		t.Error("an unknown provider was taken")
	}
}
