package deploy

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/bulletin-ssg/bulletin/internal/deploy/target"
)

// Credentials are a store's keys. They come from the environment only.
type Credentials struct {
	AccessKeyID, SecretAccessKey, SessionToken string
}

// Redact drops the keys from an error's message: a store, a CDN's API or
// a library may quote a request's headers or URL. An error that holds
// none is returned as it is (errors.Is still finds what it wraps).
func (c Credentials) Redact(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	clean := msg
	for _, secret := range []string{c.AccessKeyID, c.SecretAccessKey, c.SessionToken} {
		if secret != "" {
			clean = strings.ReplaceAll(clean, secret, "[redacted]")
		}
	}
	if clean == msg {
		return err
	}
	return errors.New(clean)
}

// S3Options tune the client.
type S3Options struct {
	// Transport carries the requests (minio-go's default when nil): tests
	// count them, or put a failing store in between.
	Transport http.RoundTripper
	// Retries is how many times a request that met a network error, a
	// 5xx or throttling is tried in all, after a growing wait with
	// jitter (minio-go's backoff); DefaultRetries when 0.
	Retries int
	// UserAgent names bulletin to the store, after minio-go's own.
	UserAgent string
}

// DefaultRetries tries a request five times: a store's hiccup (503 Slow
// Down, a reset connection) passes, a store that is down fails the
// deploy within seconds.
const DefaultRetries = 5

// partSize is the size of each part of a file uploaded in parts; files up
// to it go in one request. A variable for tests.
var partSize uint64 = 16 << 20

// S3 is a Store in a bucket of an S3-compatible store, through minio-go.
type S3 struct {
	client *minio.Client
	url    target.URL
	keys   Credentials
}

// NewS3 makes the Store of the target u.
func NewS3(u target.URL, c Credentials, o S3Options) (*S3, error) {
	endpoint := u.Endpoint
	if endpoint == "" {
		endpoint = "s3.amazonaws.com"
	}
	lookup := minio.BucketLookupDNS
	if u.PathStyle {
		lookup = minio.BucketLookupPath
	}
	retries := o.Retries
	if retries <= 0 {
		retries = DefaultRetries
	}
	s := &S3{url: u, keys: c}
	client, err := minio.New(endpoint, &minio.Options{
		// Static keys only: minio-go's other providers read files
		// (~/.aws/credentials, ~/.mc/config.json), and a deploy takes
		// its keys from the environment alone.
		Creds:        credentials.NewStaticV4(c.AccessKeyID, c.SecretAccessKey, c.SessionToken),
		Secure:       !u.Insecure,
		Region:       u.Region,
		BucketLookup: lookup,
		Transport:    o.Transport,
		MaxRetries:   retries,
	})
	if err != nil {
		return nil, s.redact(err)
	}
	if o.UserAgent != "" {
		name, version, _ := strings.Cut(o.UserAgent, "/")
		client.SetAppInfo(name, version)
	}
	s.client = client
	return s, nil
}

// Get implements Store.
func (s *S3) Get(ctx context.Context, rel string) ([]byte, error) {
	obj, err := s.client.GetObject(ctx, s.url.Bucket, s.url.Key(rel), minio.GetObjectOptions{})
	if err != nil {
		return nil, s.redact(err)
	}
	defer obj.Close()
	b, err := io.ReadAll(obj)
	if err != nil {
		if resp := minio.ToErrorResponse(err); resp.Code == "NoSuchKey" || resp.StatusCode == http.StatusNotFound && resp.Code != "NoSuchBucket" {
			return nil, ErrNotFound
		}
		return nil, s.redact(err)
	}
	return b, nil
}

// Put implements Store.
func (s *S3) Put(ctx context.Context, rel string, body io.Reader, size int64, o Object) error {
	_, err := s.client.PutObject(ctx, s.url.Bucket, s.url.Key(rel), body, size, minio.PutObjectOptions{
		ContentType:             o.Type,
		CacheControl:            o.CacheControl,
		ContentEncoding:         o.Encoding,
		WebsiteRedirectLocation: o.Redirect,
		PartSize:                partSize,
	})
	return s.redact(err)
}

// Delete implements Store.
func (s *S3) Delete(ctx context.Context, rels []string) error {
	if len(rels) == 1 {
		return s.redact(s.client.RemoveObject(ctx, s.url.Bucket, s.url.Key(rels[0]), minio.RemoveObjectOptions{}))
	}
	objects := make(chan minio.ObjectInfo, len(rels))
	for _, rel := range rels {
		objects <- minio.ObjectInfo{Key: s.url.Key(rel)}
	}
	close(objects)
	for e := range s.client.RemoveObjects(ctx, s.url.Bucket, objects, minio.RemoveObjectsOptions{}) {
		if e.Err != nil {
			return s.redact(e.Err)
		}
	}
	return ctx.Err()
}

// List implements Store.
func (s *S3) List(ctx context.Context, fn func(rel string, size int64, etag string) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for obj := range s.client.ListObjects(ctx, s.url.Bucket, minio.ListObjectsOptions{Prefix: s.url.Prefix, Recursive: true}) {
		if obj.Err != nil {
			return s.redact(obj.Err)
		}
		rel, ok := strings.CutPrefix(obj.Key, s.url.Prefix)
		if !ok || rel == "" || strings.HasSuffix(rel, "/") {
			continue // a folder's marker
		}
		if err := fn(rel, obj.Size, obj.ETag); err != nil {
			return err
		}
	}
	return ctx.Err()
}

func (s *S3) redact(err error) error { return s.keys.Redact(err) }
