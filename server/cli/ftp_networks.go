package cli

import (
	"context"
	"fmt"
	"net/netip"
	"strings"

	"coffre/server/ftpset"
)

func init() {
	register(&command{name: "ftp networks", usage: "[--allow NETWORK]... [--none] [--json]",
		summary: "Show or set the networks of this host's side (e.g. a NAS at 192.168.1.20 or 10.0.0.0/8) that personal FTP storages may reach: this host's own addresses, loopback, private and link-local networks are refused unless allowed here. --allow replaces the list; --none empties it.",
		run:     ftpNetworks})
}

func ftpNetworks(_ context.Context, env Env, args []string) error {
	f := newFlags(env, "ftp networks").withJSON()
	var allow listFlag
	f.Var(&allow, "allow", "a network (192.168.1.0/24) or an address the FTP storages may reach (repeat for several)")
	none := f.Bool("none", false, "allow no private network")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	if *none && len(allow) > 0 {
		return usagef("--none and --allow: give one of them")
	}
	st, err := f.store()
	if err != nil {
		return err
	}
	if *none || len(allow) > 0 {
		n := ftpset.Networks{Allow: []netip.Prefix{}}
		for _, a := range allow {
			p, err := ftpset.ParseNetwork(strings.TrimSpace(a))
			if err != nil {
				return usagef("--allow: %v", err)
			}
			n.Allow = append(n.Allow, p)
		}
		if len(n.Allow) > ftpset.MaxNetworks {
			return usagef("--allow: at most %d networks", ftpset.MaxNetworks)
		}
		if err := ftpset.SaveNetworks(st, n); err != nil {
			return err
		}
	}
	n, err := ftpset.LoadNetworks(st)
	if err != nil {
		return err
	}
	if f.json {
		return printJSON(env.Stdout, n)
	}
	if len(n.Allow) == 0 {
		fmt.Fprintln(env.Stdout, "Private networks the FTP storages may reach: none (this host, loopback, private and link-local addresses are refused)")
		return nil
	}
	s := make([]string, len(n.Allow))
	for i, p := range n.Allow {
		s[i] = p.String()
	}
	fmt.Fprintf(env.Stdout, "Private networks the FTP storages may reach: %s\n", strings.Join(s, ", "))
	return nil
}
