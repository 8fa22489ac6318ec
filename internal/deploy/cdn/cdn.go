// Package cdn refreshes a CDN's cache of the URLs a deploy changed,
// through each provider's own SDK: Alibaba Cloud CDN (RefreshObjectCaches,
// through Alibaba Cloud's OpenAPI client), Tencent Cloud CDN
// (PurgeUrlsCache, through the Tencent Cloud SDK's common client) and
// Amazon CloudFront (CreateInvalidation, through the AWS SDK). The SDKs
// sign the requests; bulletin signs nothing by hand.
//
// What users rely on:
//   - the keys are the deploy's (the same account's), from the
//     environment, and never show in a message;
//   - a deploy that changed more URLs than a refresh takes at a
//     reasonable cost (MaxURLs) refreshes the site's whole folder in one
//     request instead: a provider counts each URL against a daily quota;
//   - Endpoint, when set, replaces the provider's (a test's fake
//     provider, or a proxy); it may begin with http://.
package cdn

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	cftypes "github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
	tcommon "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	tprofile "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/bulletin-ssg/bulletin/internal/config"
	"github.com/bulletin-ssg/bulletin/internal/deploy"
)

// MaxURLs is the most URLs refreshed one by one; past it, the site's
// folder is refreshed whole.
const MaxURLs = 1000

// batch is how many URLs go in one request: within every provider's
// limit for one call.
const batch = 100

// New makes the refresher of c, with the deploy's keys; endpoint, when
// not "", replaces the provider's.
func New(c config.CDN, keys deploy.Credentials, endpoint string) (deploy.Purger, error) {
	var p purger
	switch c.Provider {
	case "aliyun":
		p = &aliyun{}
	case "tencent":
		p = &tencent{}
	case "cloudfront":
		p = &cloudFront{distribution: c.Distribution}
	default:
		return nil, fmt.Errorf("unknown CDN provider %q", c.Provider)
	}
	if err := p.init(keys, endpoint); err != nil {
		return nil, err
	}
	return &redacting{p: p, keys: keys}, nil
}

type purger interface {
	init(keys deploy.Credentials, endpoint string) error
	// urls refreshes urls, at most batch of them.
	urls(ctx context.Context, urls []string) error
	// folder refreshes every URL under base.
	folder(ctx context.Context, base string) error
}

// redacting is a purger whose errors never show the keys.
type redacting struct {
	p    purger
	keys deploy.Credentials
}

// Purge implements deploy.Purger.
func (r *redacting) Purge(ctx context.Context, base string, urls []string) error {
	if len(urls) == 0 {
		return nil
	}
	if len(urls) > MaxURLs {
		return r.redact(r.p.folder(ctx, base))
	}
	for start := 0; start < len(urls); start += batch {
		if err := r.p.urls(ctx, urls[start:min(start+batch, len(urls))]); err != nil {
			return r.redact(err)
		}
	}
	return nil
}

func (r *redacting) redact(err error) error { return r.keys.Redact(err) }

// splitEndpoint is endpoint without its scheme, and whether it was
// http://.
func splitEndpoint(endpoint string) (host string, insecure bool) {
	if h, ok := strings.CutPrefix(endpoint, "http://"); ok {
		return h, true
	}
	return strings.TrimPrefix(endpoint, "https://"), false
}

// aliyun is Alibaba Cloud CDN: RefreshObjectCaches, URLs one a line.
type aliyun struct {
	client   *openapi.Client
	protocol string
}

func (a *aliyun) init(keys deploy.Credentials, endpoint string) error {
	host, insecure := "cdn.aliyuncs.com", false
	if endpoint != "" {
		host, insecure = splitEndpoint(endpoint)
	}
	a.protocol = "HTTPS"
	if insecure {
		a.protocol = "HTTP"
	}
	cfg := &openapi.Config{
		AccessKeyId:     dara.String(keys.AccessKeyID),
		AccessKeySecret: dara.String(keys.SecretAccessKey),
		Endpoint:        dara.String(host),
		Protocol:        dara.String(a.protocol),
		ReadTimeout:     dara.Int(30000),
		ConnectTimeout:  dara.Int(10000),
	}
	if keys.SessionToken != "" {
		cfg.SecurityToken = dara.String(keys.SessionToken)
	}
	var err error
	a.client, err = openapi.NewClient(cfg)
	return err
}

func (a *aliyun) call(objectType string, paths []string) error {
	params := &openapi.Params{
		Action: dara.String("RefreshObjectCaches"), Version: dara.String("2018-05-10"),
		Protocol: dara.String(a.protocol), Pathname: dara.String("/"), Method: dara.String("POST"),
		AuthType: dara.String("AK"), Style: dara.String("RPC"), ReqBodyType: dara.String("formData"), BodyType: dara.String("json"),
	}
	req := &openapi.OpenApiRequest{Query: map[string]*string{
		"ObjectPath": dara.String(strings.Join(paths, "\n")),
		"ObjectType": dara.String(objectType),
	}}
	runtime := &dara.RuntimeOptions{Autoretry: dara.Bool(true), MaxAttempts: dara.Int(3)}
	_, err := a.client.CallApi(params, req, runtime)
	return sdkError(err)
}

func (a *aliyun) urls(_ context.Context, urls []string) error { return a.call("File", urls) }
func (a *aliyun) folder(_ context.Context, base string) error {
	return a.call("Directory", []string{base})
}

// tencent is Tencent Cloud CDN: PurgeUrlsCache, or PurgePathCache for a
// folder.
type tencent struct{ client *tcommon.Client }

func (t *tencent) init(keys deploy.Credentials, endpoint string) error {
	prof := tprofile.NewClientProfile()
	prof.HttpProfile.Endpoint = "cdn.tencentcloudapi.com"
	if endpoint != "" {
		host, insecure := splitEndpoint(endpoint)
		prof.HttpProfile.Endpoint = host
		if insecure {
			prof.HttpProfile.Scheme = "HTTP"
		}
	}
	prof.HttpProfile.ReqTimeout = 30
	prof.NetworkFailureMaxRetries = 2
	prof.RateLimitExceededMaxRetries = 2
	prof.NetworkFailureRetryDuration = tprofile.ExponentialBackoff
	prof.RateLimitExceededRetryDuration = tprofile.ExponentialBackoff
	t.client = tcommon.NewCommonClient(tcommon.NewTokenCredential(keys.AccessKeyID, keys.SecretAccessKey, keys.SessionToken), "", prof)
	return nil
}

func (t *tencent) call(ctx context.Context, action string, params map[string]any) error {
	req := tchttp.NewCommonRequest("cdn", "2018-06-06", action)
	req.SetContext(ctx)
	if err := req.SetActionParameters(params); err != nil {
		return err
	}
	return sdkError(t.client.Send(req, tchttp.NewCommonResponse()))
}

func (t *tencent) urls(ctx context.Context, urls []string) error {
	return t.call(ctx, "PurgeUrlsCache", map[string]any{"Urls": urls})
}

func (t *tencent) folder(ctx context.Context, base string) error {
	return t.call(ctx, "PurgePathCache", map[string]any{"Paths": []string{base}, "FlushType": "flush"})
}

// cloudFront is Amazon CloudFront: an invalidation of the URLs' paths.
type cloudFront struct {
	distribution string
	client       *cloudfront.Client
}

func (c *cloudFront) init(keys deploy.Credentials, endpoint string) error {
	opts := cloudfront.Options{
		Region:           "us-east-1", // CloudFront's API is global, signed for us-east-1
		Credentials:      credentials.NewStaticCredentialsProvider(keys.AccessKeyID, keys.SecretAccessKey, keys.SessionToken),
		RetryMaxAttempts: 3,
	}
	if endpoint != "" {
		opts.BaseEndpoint = aws.String(endpoint)
	}
	c.client = cloudfront.New(opts)
	return nil
}

func (c *cloudFront) invalidate(ctx context.Context, paths []string) error {
	_, err := c.client.CreateInvalidation(ctx, &cloudfront.CreateInvalidationInput{
		DistributionId: aws.String(c.distribution),
		InvalidationBatch: &cftypes.InvalidationBatch{
			// One reference a batch: CloudFront takes a batch sent
			// again with the same reference as the same one.
			CallerReference: aws.String("bulletin-" + strconv.FormatInt(time.Now().UnixNano(), 36) + "-" + strconv.Itoa(len(paths))),
			Paths:           &cftypes.Paths{Quantity: aws.Int32(int32(len(paths))), Items: paths},
		},
	})
	return sdkError(err)
}

func (c *cloudFront) urls(ctx context.Context, urls []string) error {
	paths := make([]string, 0, len(urls))
	for _, u := range urls {
		p, err := url.Parse(u)
		if err != nil {
			return err
		}
		paths = append(paths, p.EscapedPath())
	}
	return c.invalidate(ctx, paths)
}

func (c *cloudFront) folder(ctx context.Context, base string) error {
	p, err := url.Parse(base)
	if err != nil {
		return err
	}
	return c.invalidate(ctx, []string{p.EscapedPath() + "*"})
}

// sdkError keeps an SDK's error to its first line: some put the whole
// request, or its answer's body, after it.
func sdkError(err error) error {
	if err == nil {
		return nil
	}
	msg, _, more := strings.Cut(err.Error(), "\n")
	if !more {
		return err
	}
	return errors.New(msg)
}
