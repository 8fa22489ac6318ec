package sockerr

import (
	"errors"
	"net"
	"testing"
)

// TestRealErrors: the errors this system's sockets give are recognised.
func TestRealErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()

	_, err = net.Listen("tcp", addr)
	if !AddrInUse(err) || Refused(err) {
		t.Errorf("listening on a taken port: %v: AddrInUse %v, Refused %v", err, AddrInUse(err), Refused(err))
	}

	ln.Close()
	_, err = net.Dial("tcp", addr)
	if !Refused(err) || AddrInUse(err) {
		t.Errorf("dialling a closed port: %v: Refused %v, AddrInUse %v", err, Refused(err), AddrInUse(err))
	}

	for _, err := range []error{nil, errors.New("connection refused")} {
		if Refused(err) || AddrInUse(err) {
			t.Errorf("%v recognised", err)
		}
	}
}
