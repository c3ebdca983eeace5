package cli

import (
	"strings"
	"testing"

	"coffre/engine/storage/ftp"
	"coffre/engine/storage/ftp/ftptest"
)

// A tenant's FTP settings pointing at this host (here a port on loopback) are refused at the
// connection, before any byte reaches that port, until the administrator allows the network.
func TestFTPToThisHostRefusedUntilAllowed(t *testing.T) {
	dir := demoData(t)
	srv := ftptest.NewServer(t, ftptest.Options{User: "acme", Pass: ftpPassword, TLS: ftp.TLSNone})
	if r := setFTP(t, dir, "acme", srv.Config); r.code != 0 {
		t.Fatal(r.stderr)
	}
	mustRun(t, dir, "ftp", "networks", "--none")
	r := run(t, dir, "", "ftp", "test", "acme")
	if r.code == 0 || !strings.Contains(r.stdout, "127.0.0.1 is this host or on a private network") ||
		!strings.Contains(r.stdout, "coffre ftp networks --allow") || srv.Connections() != 0 {
		t.Fatalf("ftp test to loopback, not allowed: exit %d, %d connections\n%s%s", r.code, srv.Connections(), r.stdout, r.stderr)
	}
	b := run(t, dir, "", "backup", "acme", "--storage", "ftp", "--json")
	if b.code == 0 || !strings.Contains(b.stdout, `"code": "ftp_address_refused"`) || srv.Connections() != 0 {
		t.Fatalf("backup to loopback, not allowed: exit %d, %d connections\n%s", b.code, srv.Connections(), b.stdout)
	}
	mustRun(t, dir, "ftp", "networks", "--allow", "127.0.0.1")
	mustRun(t, dir, "ftp", "test", "acme")
}

func TestFTPNetworksCommand(t *testing.T) {
	dir := demoData(t)
	if r := mustRun(t, dir, "ftp", "networks"); !strings.Contains(r.stdout, "none") {
		t.Fatalf("no network allowed at first: %s", r.stdout)
	}
	r := mustRun(t, dir, "ftp", "networks", "--allow", "192.168.1.20", "--allow", "10.1.2.3/8", "--allow", "fd00::1")
	if !strings.Contains(r.stdout, "192.168.1.20/32, 10.0.0.0/8, fd00::1/128") {
		t.Fatalf("the networks allowed: %s", r.stdout)
	}
	if r := mustRun(t, dir, "ftp", "networks", "--json"); !strings.Contains(r.stdout, `"10.0.0.0/8"`) {
		t.Fatalf("--json: %s", r.stdout)
	}
	for _, bad := range [][]string{{"--allow", "nas.local"}, {"--allow", "10.0.0.0/33"}, {"--none", "--allow", "10.0.0.0/8"}} {
		if r := run(t, dir, "", append([]string{"ftp", "networks"}, bad...)...); r.code != 2 || r.stderr == "" {
			t.Errorf("ftp networks %v: exit %d %q, want a usage error", bad, r.code, r.stderr)
		}
	}
	if r := mustRun(t, dir, "ftp", "networks", "--none"); !strings.Contains(r.stdout, "none") {
		t.Fatalf("--none: %s", r.stdout)
	}
}
