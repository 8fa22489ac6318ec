package config

import (
	"strings"
	"testing"

	"github.com/bulletin-ssg/bulletin/internal/deploy/target"
	"github.com/bulletin-ssg/bulletin/internal/diag/diagtest"
)

func TestDeploySettings(t *testing.T) {
	s, err := parse(t, `---
deploy:
  targets:
    - name: prod
      url: "s3://news/site/?endpoint=oss-cn-hangzhou.aliyuncs.com&region=cn-hangzhou"
      compress: gzip
      cdn: {provider: aliyun}
    - name: aws
      url: "s3://news-aws?region=us-east-1"
      cdn: {provider: cloudfront, distribution: E2QWRUHAPOMQZL}
    - name: local
      url: "s3://news/?endpoint=http://127.0.0.1:9000&use_path_style=true"
      redirectHeader: true
      compress: none
  cacheControl:
    - {match: "images/**", value: "public,max-age=86400"}
---
`, "")
	if err != nil {
		t.Fatal(err)
	}
	d := s.Deploy
	if len(d.Targets) != 3 {
		t.Fatalf("targets %+v", d.Targets)
	}
	prod, aws, local := d.Target("prod"), d.Target("aws"), d.Target("local")
	if prod == nil || prod.URL.Bucket != "news" || prod.URL.Prefix != "site/" || prod.URL.Region != "cn-hangzhou" ||
		prod.Compress != "gzip" || prod.RedirectHeader || prod.CDN == nil || prod.CDN.Provider != "aliyun" {
		t.Errorf("prod: %+v", prod)
	}
	if aws == nil || !aws.RedirectHeader || aws.Compress != "" || aws.CDN.Distribution != "E2QWRUHAPOMQZL" {
		t.Errorf("aws: %+v", aws)
	}
	if local == nil || !local.RedirectHeader || !local.URL.Insecure || !local.URL.PathStyle || local.Compress != "" || local.CDN != nil {
		t.Errorf("local: %+v", local)
	}
	if d.Target("nosuch") != nil {
		t.Error("a target not named was found")
	}
	if len(d.CacheControl) != 1 || target.CacheControl(d.CacheControl, "images/a.png") != "public, max-age=86400" ||
		target.CacheControl(d.CacheControl, "index.html") != target.Short {
		t.Errorf("cacheControl %+v", d.CacheControl)
	}
}

// TestDeploySettingsErrors: each bad value is an error at its line (a
// list item's at its list's), naming the item.
func TestDeploySettingsErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"deploy: s3://news/\n", `content/_index.md:2:9: deploy: want a mapping`},
		{"deploy: {target: []}\n", `content/_index.md:2:18: deploy.target: unknown key (deploy has targets, cacheControl)`},
		{"deploy:\n  targets: {name: prod}\n", `content/_index.md:3:12: deploy.targets: want a list`},
		{"deploy:\n  targets:\n    - prod\n", `content/_index.md:4:5: deploy.targets[0]: want {name: NAME, url: s3://…}`},
		{"deploy:\n  targets:\n    - {name: Prod, url: \"s3://news?region=x\"}\n", `deploy.targets[0]: name "Prod": want a short name`},
		{"deploy:\n  targets:\n    - {name: prod, url: \"s3://news/../x?region=x\"}\n", `deploy.targets[0] (prod): url: prefix "../x": a segment ".." would write outside the prefix`},
		{"deploy:\n  targets:\n    - {name: prod, url: \"s3://K:S@news?region=x\"}\n", `url: the URL holds user information`},
		{"deploy:\n  targets:\n    - {name: prod, url: \"s3://news?region=x\"}\n    - {name: prod, url: \"s3://news2?region=x\"}\n", `deploy.targets: prod is named twice`},
		{"deploy:\n  targets:\n    - {name: prod, url: \"s3://news?region=x\", compress: zstd}\n", `compress "zstd": want none, gzip or br`},
		{"deploy:\n  targets:\n    - {name: prod, url: \"s3://news?region=x\", secret: abc}\n", `unknown key secret`},
		{"deploy:\n  targets:\n    - {name: prod, url: \"s3://news?region=x\", redirectHeader: yes please}\n", `redirectHeader: want true or false`},
		{"deploy:\n  targets:\n    - {name: prod, url: \"s3://news?region=x\", cdn: {provider: akamai}}\n", `cdn: want {provider: aliyun|tencent|cloudfront}`},
		{"deploy:\n  targets:\n    - {name: prod, url: \"s3://news?region=x\", cdn: {provider: cloudfront}}\n", `cdn: distribution: CloudFront's distribution ID`},
		{"deploy:\n  cacheControl:\n    - {match: \"*.html\"}\n", `content/_index.md:4:5: deploy.cacheControl[0]: want {match: PATTERN, value: HEADER}`},
		{"deploy:\n  cacheControl:\n    - {match: \"*.html\", value: \"max-age=1\\r\\nX: y\"}\n", `deploy.cacheControl[0]: value "max-age=1\r\nX: y": "max-age=1\r\nX: y": the value of max-age is neither a word nor "quoted"`},
		{"languages:\n  ja: {deploy: {}}\n", `languages.ja.deploy: deploy is one for the whole site`},
	}
	for _, tt := range tests {
		_, err := parse(t, "---\n"+tt.src+"---\n", "")
		if err == nil || !strings.Contains(diagtest.Slashed(err.Error()), tt.want) {
			t.Errorf("%s: %v\nwant %q in it", tt.src, err, tt.want)
		}
	}
}
