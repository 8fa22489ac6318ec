package server

import (
	"fmt"
	"net"
	"net/netip"
	"strings"
)

// hostCheck decides which Host headers (and Origins) belong to this
// server. A browser tricked by DNS rebinding sends the attacker's name as
// Host; only our own address, localhost and, on a wildcard bind, IP
// literals are accepted.
type hostCheck struct {
	port  string
	names map[string]bool // lower-case host names without port
	anyIP bool            // bound to 0.0.0.0 or ::
}

func newHostCheck(addr string) (hostCheck, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return hostCheck{}, fmt.Errorf("address %q: %w", addr, err)
	}
	c := hostCheck{port: port, names: map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true}}
	c.names[strings.ToLower(host)] = true
	if ip, err := netip.ParseAddr(host); err == nil && ip.IsUnspecified() {
		c.anyIP = true
	}
	if host == "" {
		c.anyIP = true
	}
	return c, nil
}

// allowed reports whether a Host header ("127.0.0.1:8080", "[::1]:8080")
// names this server.
func (c hostCheck) allowed(hostport string) bool {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		host, port = hostport, "80"
	}
	if port != c.port {
		return false
	}
	host = strings.ToLower(strings.Trim(host, "[]"))
	if c.names[host] {
		return true
	}
	if c.anyIP {
		_, err := netip.ParseAddr(host)
		return err == nil
	}
	return false
}

// originAllowed reports whether an Origin header ("http://127.0.0.1:8080")
// is a page of this server. A request without Origin (not sent by a
// browser for a same-origin EventSource in some versions) is allowed:
// Host was checked already.
func (c hostCheck) originAllowed(origin string) bool {
	if origin == "" {
		return true
	}
	rest, ok := strings.CutPrefix(origin, "http://")
	if !ok {
		return false
	}
	return c.allowed(rest)
}
