// Package s3test starts a real S3-compatible server for tests: SeaweedFS
// (its weed server with the S3 gateway) on 127.0.0.1, with its data in a
// temporary folder, so deploy is tested against a store's own answers,
// not a mock of the API.
//
// The weed binary is $BULLETIN_TEST_WEED, else weed on the PATH; .ci/run
// builds it. Without it, the tests that need it are skipped, except in
// CI ($CI set), where they fail.
package s3test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// WeedEnv names the weed binary to start.
const WeedEnv = "BULLETIN_TEST_WEED"

// The server's one identity.
const (
	AccessKeyID     = "AKIDBULLETINTEST"
	SecretAccessKey = "bulletin-test-secret-0123456789"
)

// Server is a running SeaweedFS with its S3 gateway.
type Server struct {
	// Endpoint is the gateway's, as a target URL's endpoint= takes it:
	// http://127.0.0.1:PORT.
	Endpoint string
	// Log is where weed writes, for a failing test to show.
	Log string

	cmd   *exec.Cmd
	dir   string
	ports []int
	done  chan struct{}
}

var (
	shared     *Server
	sharedErr  error
	sharedOnce sync.Once
	buckets    int
	bucketsMu  sync.Mutex
)

// Shared is the package's one server, started on first use (weed takes
// seconds to start); Close it from TestMain. It skips t when there is no
// weed binary, unless in CI.
func Shared(t testing.TB) *Server {
	t.Helper()
	bin, err := Binary()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%v (.ci/run builds it)", err)
		}
		t.Skipf("%v: set $%s to a weed binary to run this test", err, WeedEnv)
	}
	sharedOnce.Do(func() { shared, sharedErr = Start(bin) })
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return shared
}

// CloseShared stops the shared server, if one was started.
func CloseShared() {
	if shared != nil {
		shared.Close()
	}
}

// Binary is the weed binary to start.
func Binary() (string, error) {
	if p := os.Getenv(WeedEnv); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("$%s: %w", WeedEnv, err)
		}
		return p, nil
	}
	p, err := exec.LookPath("weed")
	if err != nil {
		return "", errors.New("no SeaweedFS weed binary on the PATH")
	}
	return p, nil
}

// Start starts weed server with the S3 gateway, every port its own on
// 127.0.0.1, and waits until the gateway answers.
func Start(bin string) (*Server, error) {
	dir, err := os.MkdirTemp("", "bulletin-s3test-")
	if err != nil {
		return nil, err
	}
	ports, err := freePorts(8)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	config := filepath.Join(dir, "s3.json")
	identity := fmt.Sprintf(`{"identities":[{"name":"bulletin","credentials":[{"accessKey":%q,"secretKey":%q}],"actions":["Admin","Read","Write","List","Tagging"]}]}`, AccessKeyID, SecretAccessKey)
	if err := os.WriteFile(config, []byte(identity), 0o600); err != nil {
		return nil, err
	}
	data := filepath.Join(dir, "data")
	if err := os.Mkdir(data, 0o755); err != nil {
		return nil, err
	}
	s := &Server{Endpoint: "http://127.0.0.1:" + strconv.Itoa(ports[6]), Log: filepath.Join(dir, "weed.log"), dir: dir, ports: ports, done: make(chan struct{})}
	log, err := os.Create(s.Log)
	if err != nil {
		return nil, err
	}
	p := func(i int) string { return strconv.Itoa(ports[i]) }
	s.cmd = exec.Command(bin, "server",
		"-dir="+data, "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
		"-master.port="+p(0), "-master.port.grpc="+p(1),
		"-volume.port="+p(2), "-volume.port.grpc="+p(3),
		"-filer.port="+p(4), "-filer.port.grpc="+p(5),
		"-s3", "-s3.port="+p(6), "-s3.port.grpc="+p(7), "-s3.port.iceberg=0", "-s3.port.lance=0",
		"-s3.config="+config,
		// Nothing leaves the machine. Each bucket is a collection
		// with volumes of its own: many small ones.
		"-master.telemetry=false", "-metricsPort=0",
		"-master.volumeSizeLimitMB=16", "-volume.max=500",
	)
	s.cmd.Stdout, s.cmd.Stderr = log, log
	s.cmd.Dir = dir
	s.cmd.SysProcAttr = dieWithParent()
	if err := s.cmd.Start(); err != nil {
		log.Close()
		os.RemoveAll(dir)
		return nil, fmt.Errorf("starting weed: %w", err)
	}
	go func() {
		s.cmd.Wait()
		log.Close()
		close(s.done)
	}()
	if err := s.wait(60 * time.Second); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// wait polls until a bucket can be made, which needs every part of the
// server up.
func (s *Server) wait(limit time.Duration) error {
	deadline := time.Now().Add(limit)
	var last error
	for time.Now().Before(deadline) {
		select {
		case <-s.done:
			b, _ := os.ReadFile(s.Log)
			return fmt.Errorf("weed stopped before it served: %s", tail(b))
		default:
		}
		c, err := s.Client()
		if err == nil {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			err = c.MakeBucket(ctx, "ready", minio.MakeBucketOptions{})
			cancel()
			if err == nil {
				return nil
			}
		}
		last = err
		time.Sleep(200 * time.Millisecond)
	}
	b, _ := os.ReadFile(s.Log)
	return fmt.Errorf("weed's S3 gateway did not come up within %v (%v): %s", limit, last, tail(b))
}

func tail(b []byte) string {
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return string(b)
}

// Client is a minio-go client of the server, for tests to look at what
// it holds.
func (s *Server) Client() (*minio.Client, error) {
	return minio.New(strings.TrimPrefix(s.Endpoint, "http://"), &minio.Options{
		Creds:        credentials.NewStaticV4(AccessKeyID, SecretAccessKey, ""),
		BucketLookup: minio.BucketLookupPath,
		MaxRetries:   1,
	})
}

// NewBucket makes a bucket of its own for a test.
func (s *Server) NewBucket(t testing.TB) string {
	t.Helper()
	bucketsMu.Lock()
	buckets++
	name := fmt.Sprintf("site-%d-%d", os.Getpid(), buckets)
	bucketsMu.Unlock()
	c, err := s.Client()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.MakeBucket(context.Background(), name, minio.MakeBucketOptions{}); err != nil {
		t.Fatalf("making bucket %s: %v", name, err)
	}
	return name
}

// Close stops weed and removes its data.
func (s *Server) Close() {
	if s.cmd.Process != nil {
		s.cmd.Process.Signal(os.Interrupt)
		select {
		case <-s.done:
		case <-time.After(10 * time.Second):
			s.cmd.Process.Kill()
			<-s.done
		}
	}
	// weed leaves sockets named by its ports in the system's temporary
	// folder.
	for _, p := range s.ports {
		matches, _ := filepath.Glob(filepath.Join(os.TempDir(), "seaweedfs-*-"+strconv.Itoa(p)+".sock"))
		for _, m := range matches {
			os.Remove(m)
		}
	}
	os.RemoveAll(s.dir)
}

// freePorts finds n ports free on 127.0.0.1, holding all of them until
// every one is found, so none comes twice.
func freePorts(n int) ([]int, error) {
	var ports []int
	var lns []net.Listener
	defer func() {
		for _, ln := range lns {
			ln.Close()
		}
	}()
	for range n {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		lns = append(lns, ln)
		ports = append(ports, ln.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// Head is an object's headers as the server gives them back.
func (s *Server) Head(bucket, key string) (http.Header, error) {
	c, err := s.Client()
	if err != nil {
		return nil, err
	}
	info, err := c.StatObject(context.Background(), bucket, key, minio.StatObjectOptions{})
	if err != nil {
		return nil, err
	}
	return info.Metadata, nil
}
