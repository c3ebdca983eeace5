package ftpset

import (
	"errors"
	"net/netip"
	"testing"

	"coffre/server/failure"
)

func TestGuardRefusesTheHostAndPrivateNetworks(t *testing.T) {
	var none Networks
	for _, s := range []string{"127.0.0.1", "127.9.9.9", "::1", "::ffff:127.0.0.1", "0.0.0.0", "::", "10.1.2.3",
		"172.16.0.1", "192.168.1.20", "169.254.169.254", "100.64.0.1", "fe80::1", "fd12::1", "224.0.0.1", "ff02::1"} {
		err := none.Guard(netip.MustParseAddr(s))
		var ae *AddressError
		if !errors.As(err, &ae) || failure.Of(err).Code != failure.FTPAddressRefused {
			t.Errorf("Guard(%s) = %v, want it refused", s, err)
		}
	}
	for _, s := range []string{"8.8.8.8", "93.184.216.34", "2001:4860:4860::8888"} {
		if err := none.Guard(netip.MustParseAddr(s)); err != nil {
			t.Errorf("Guard(%s) = %v, want it let through", s, err)
		}
	}
	nas := Networks{Allow: []netip.Prefix{netip.MustParsePrefix("192.168.1.0/24")}}
	if err := nas.Guard(netip.MustParseAddr("192.168.1.20")); err != nil {
		t.Errorf("an allowed network refused: %v", err)
	}
	if err := nas.Guard(netip.MustParseAddr("192.168.2.20")); err == nil {
		t.Errorf("a network next to the allowed one let through")
	}
	if got := failure.Of(nas.Guard(netip.MustParseAddr("127.0.0.1"))).Args; len(got) != 1 || got[0] != "127.0.0.1" {
		t.Errorf("the failure's args: %v", got)
	}
}
