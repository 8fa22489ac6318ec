package target

import (
	"strings"
	"testing"
	"unicode"
)

func TestParseURL(t *testing.T) {
	tests := []struct {
		raw  string
		want URL
	}{
		{"s3://news/?endpoint=oss-cn-hangzhou.aliyuncs.com&region=cn-hangzhou",
			URL{Bucket: "news", Endpoint: "oss-cn-hangzhou.aliyuncs.com", Region: "cn-hangzhou"}},
		{"s3://news-1250000000/site/en?endpoint=cos.ap-guangzhou.myqcloud.com&region=ap-guangzhou",
			URL{Bucket: "news-1250000000", Prefix: "site/en/", Endpoint: "cos.ap-guangzhou.myqcloud.com", Region: "ap-guangzhou"}},
		{"s3://news/a/b/?endpoint=http://127.0.0.1:8333&use_path_style=true",
			URL{Bucket: "news", Prefix: "a/b/", Endpoint: "127.0.0.1:8333", Insecure: true, PathStyle: true}},
		{"s3://news.example.com?region=us-east-1",
			URL{Bucket: "news.example.com", Region: "us-east-1"}},
		{"s3://news/?endpoint=https://abc.r2.cloudflarestorage.com/&region=auto&use_path_style=false",
			URL{Bucket: "news", Endpoint: "abc.r2.cloudflarestorage.com", Region: "auto"}},
		{"s3://news/%E6%96%B0%E9%97%BB?region=us-east-1", // percent-encoded: 新闻
			URL{Bucket: "news", Prefix: "新闻/", Region: "us-east-1"}},
	}
	for _, tt := range tests {
		got, err := ParseURL(tt.raw)
		if err != nil || got != tt.want {
			t.Errorf("ParseURL(%q) = %+v, %v; want %+v", tt.raw, got, err, tt.want)
			continue
		}
		// What String writes reads back the same.
		if again, err := ParseURL(got.String()); err != nil || again != got {
			t.Errorf("ParseURL(%q) = %+v, %v: not %+v", got.String(), again, err, got)
		}
	}
}

func TestParseURLRefused(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"", "no URL"},
		{"https://news/?region=x", "beginning with s3://"},
		{"s3:news", "two slashes"},
		{"s3://KEY:SECRET@news/?region=x", "user information"},
		{"s3://news/../other?region=x", `segment ".."`},
		{"s3://news/a/%2e%2e/b?region=x", `segment ".."`},
		{"s3://news/a/./b?region=x", `segment "."`},
		{"s3://news/a//b?region=x", "empty segment"},
		{"s3://news/a%5Cb?region=x", "backslash"},
		{`s3://news/a\b?region=x`, "backslash"},
		{"s3://news/a%00b?region=x", "control character"},
		{"s3://news/a\nb?region=x", "control character"},
		{"s3://news:9000/?region=x", "no port"},
		{"s3://News/?region=x", "lower-case"},
		{"s3://ab/?region=x", "lower-case"},
		{"s3://a..b/?region=x", "lower-case"},
		{"s3:///prefix?region=x", "no bucket"},
		{"s3://news/", "no endpoint= and no region="},
		{"s3://news/?endpoint=a.example/b", "endpoint="},
		{"s3://news/?endpoint=", "endpoint="},
		{"s3://news/?endpoint=ftp://x", "endpoint="},
		{"s3://news/?endpoint=user@host", "endpoint="},
		{"s3://news/?region=cn hangzhou", "region="},
		{"s3://news/?region=x&region=y", "given 2 times"},
		{"s3://news/?region=x&use_path_style=yes", "true or false"},
		{"s3://news/?region=x&acl=public-read", "unknown setting acl="},
		{"s3://news/#top", "fragment"},
	}
	for _, tt := range tests {
		_, err := ParseURL(tt.raw)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseURL(%q): %v, want an error with %q", tt.raw, err, tt.want)
		}
	}
}

// FuzzParseURL: any text is read without a panic, and a URL that is
// taken names only keys inside its prefix.
func FuzzParseURL(f *testing.F) {
	for _, s := range []string{
		"s3://news/site/?endpoint=oss-cn-hangzhou.aliyuncs.com&region=cn-hangzhou",
		"s3://news/a/b?endpoint=http://127.0.0.1:9000&use_path_style=true",
		"s3://news/%2e%2e/x?region=us-east-1",
		"s3://u:p@news/?region=x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := ParseURL(raw)
		if err != nil {
			return
		}
		if u.Bucket == "" || checkBucket(u.Bucket) != nil {
			t.Fatalf("%q: bucket %q", raw, u.Bucket)
		}
		if u.Prefix != "" {
			if !strings.HasSuffix(u.Prefix, "/") || strings.HasPrefix(u.Prefix, "/") || strings.ContainsRune(u.Prefix, '\\') || strings.IndexFunc(u.Prefix, unicode.IsControl) >= 0 {
				t.Fatalf("%q: prefix %q", raw, u.Prefix)
			}
			for seg := range strings.SplitSeq(strings.TrimSuffix(u.Prefix, "/"), "/") {
				if seg == "" || seg == "." || seg == ".." {
					t.Fatalf("%q: prefix %q has segment %q", raw, u.Prefix, seg)
				}
			}
		}
		if again, err := ParseURL(u.String()); err != nil || again != u {
			t.Fatalf("%q: read as %+v, written %q, read again %+v, %v", raw, u, u.String(), again, err)
		}
	})
}
