package ftpset

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"slices"

	"coffre/server/failure"
	"coffre/server/store"
)

// A client chooses its FTP server's address, and Coffre connects there from the host: to a
// port of the host itself or of its private network, that would let a tenant reach (and, with
// the connection test's report, read the greeting of) services that only the host should
// reach. Such addresses are refused unless the administrator allows their network, e.g. a NAS
// on the office network.

const (
	bucketSettings = "settings"
	keyNetworks    = "ftp-networks"
	// MaxNetworks bounds the networks allowed.
	MaxNetworks = 64
)

// Networks are the private networks the personal FTP storages may reach.
type Networks struct {
	Allow []netip.Prefix `json:"allow"`
}

// AddressError is a connection refused because its address is the host's own or private.
type AddressError struct{ Addr netip.Addr }

func (e *AddressError) Error() string {
	return fmt.Sprintf("%s is this host or on a private network, which the personal FTP storage may not reach unless the administrator allows it (coffre ftp networks --allow)", e.Addr)
}

// FailureCode and FailureArgs sort the error for the panel.
func (e *AddressError) FailureCode() string   { return failure.FTPAddressRefused }
func (e *AddressError) FailureArgs() []string { return []string{e.Addr.String()} }

// cgnat is the shared address space of carrier-grade NAT (RFC 6598), private in practice.
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// Guard refuses a of the host or of a private network, unless n allows its network.
func (n Networks) Guard(a netip.Addr) error {
	a = a.Unmap()
	if !restricted(a) {
		return nil
	}
	for _, p := range n.Allow {
		if p.Contains(a) {
			return nil
		}
	}
	return &AddressError{Addr: a}
}

// restricted reports an address of the host itself, or of a network that is not the Internet.
func restricted(a netip.Addr) bool {
	if !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsUnspecified() || a.IsMulticast() ||
		a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() || a.IsInterfaceLocalMulticast() || cgnat.Contains(a) {
		return true
	}
	return slices.Contains(hostAddrs(), a)
}

// hostAddrs are the addresses of the host's own interfaces (its public address reaches its
// services as well as loopback does).
func hostAddrs() []netip.Addr {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	var out []netip.Addr
	for _, a := range addrs {
		if p, err := netip.ParsePrefix(a.String()); err == nil {
			out = append(out, p.Addr().Unmap())
		}
	}
	return out
}

// ParseNetwork reads a network (192.168.1.0/24) or one address (192.168.1.20).
func ParseNetwork(s string) (netip.Prefix, error) {
	if p, err := netip.ParsePrefix(s); err == nil {
		return p.Masked(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("%q is neither a network (192.168.1.0/24) nor an address", s)
	}
	return netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()), nil
}

// LoadNetworks returns the networks allowed (none when never set).
func LoadNetworks(st *store.Store) (Networks, error) {
	var n Networks
	err := st.View(func(tx *store.Tx) (err error) {
		n, _, err = store.Get[Networks](tx, bucketSettings, keyNetworks)
		return err
	})
	if err != nil {
		return Networks{}, fmt.Errorf("load the FTP networks: %w", err)
	}
	if n.Allow == nil {
		n.Allow = []netip.Prefix{}
	}
	return n, nil
}

// SaveNetworks replaces the networks allowed.
func SaveNetworks(st *store.Store, n Networks) error {
	if len(n.Allow) > MaxNetworks {
		return errors.New("save the FTP networks: at most 64 networks")
	}
	return st.Update(func(tx *store.Tx) error { return store.Put(tx, bucketSettings, keyNetworks, n) })
}
