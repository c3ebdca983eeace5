package dbtest

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Password is the password of every account the servers are started with.
const Password = "s3cret:pa\\ss'wörd\"x"

// Server is a running database server on 127.0.0.1.
type Server struct {
	Engine string // "postgres" or "mysql"
	Port   int
	User   string // an account with every right, reached with Password over TCP
	dir    string
	stop   func()
}

// Stop stops the server and removes its files.
func (s *Server) Stop() {
	if s.stop != nil {
		s.stop()
	}
	os.RemoveAll(s.dir)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// as runs a command as the system user name when this process is root, else as itself.
func as(name string, prog string, args ...string) *exec.Cmd {
	if os.Geteuid() == 0 {
		return exec.Command("runuser", append([]string{"-u", name, "--", prog}, args...)...)
	}
	return exec.Command(prog, args...)
}

// dirFor makes a temporary directory that the system user name owns (when root).
func dirFor(name string) (string, error) {
	dir, err := os.MkdirTemp("", "coffre-db-")
	if err != nil {
		return "", err
	}
	if os.Geteuid() != 0 {
		return dir, nil
	}
	u, err := user.Lookup(name)
	if err != nil {
		return dir, err
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return dir, os.Chown(dir, uid, gid)
}

func output(cmd *exec.Cmd) error {
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w: %s", strings.Join(cmd.Args, " "), err, out.String())
	}
	return nil
}

// waitPort waits until something listens on port.
func waitPort(port int, alive func() bool) error {
	for i := 0; i < 600; i++ {
		c, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(port))
		if err == nil {
			c.Close()
			return nil
		}
		if !alive() {
			return fmt.Errorf("the server stopped while starting")
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("nothing listens on port %d after 30 s", port)
}

// Postgres starts PostgreSQL 15 (initdb and the server as the postgres user when root).
func Postgres() (*Server, error) {
	bin := "/usr/lib/postgresql/15/bin"
	if _, err := os.Stat(bin); err != nil {
		return nil, fmt.Errorf("PostgreSQL 15 is not installed (%s): %w", bin, err)
	}
	dir, err := dirFor("postgres")
	if err != nil {
		return nil, err
	}
	s := &Server{Engine: "postgres", User: "postgres", dir: dir}
	pw := filepath.Join(dir, "pw")
	if err := os.WriteFile(pw, []byte(Password+"\n"), 0o644); err != nil {
		return nil, err
	}
	data := filepath.Join(dir, "data")
	if err := output(as("postgres", bin+"/initdb", "-D", data, "-U", "postgres", "--auth=scram-sha-256",
		"--pwfile="+pw, "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")); err != nil {
		s.Stop()
		return nil, err
	}
	if s.Port, err = freePort(); err != nil {
		s.Stop()
		return nil, err
	}
	opts := fmt.Sprintf("-h 127.0.0.1 -p %d -k %s -c fsync=off -c full_page_writes=off", s.Port, dir)
	if err := output(as("postgres", bin+"/pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(dir, "log"),
		"-w", "-t", "60", "start")); err != nil {
		s.Stop()
		return nil, err
	}
	s.stop = func() { output(as("postgres", bin+"/pg_ctl", "-D", data, "-m", "immediate", "stop")) }
	return s, nil
}

// MariaDB starts MariaDB (mariadb-install-db and mariadbd as the mysql user when root) with an
// account "coffre" that has every right.
func MariaDB() (*Server, error) {
	dir, err := dirFor("mysql")
	if err != nil {
		return nil, err
	}
	s := &Server{Engine: "mysql", User: "coffre", dir: dir}
	data, sock := filepath.Join(dir, "data"), filepath.Join(dir, "sock")
	if err := output(as("mysql", "mariadb-install-db", "--no-defaults", "--datadir="+data,
		"--auth-root-authentication-method=socket", "--skip-test-db")); err != nil {
		s.Stop()
		return nil, err
	}
	if s.Port, err = freePort(); err != nil {
		s.Stop()
		return nil, err
	}
	args := []string{"--no-defaults", "--datadir=" + data, "--socket=" + sock,
		"--port=" + strconv.Itoa(s.Port), "--bind-address=127.0.0.1", "--skip-log-bin",
		"--innodb-buffer-pool-size=32M", "--innodb-flush-log-at-trx-commit=0", "--skip-name-resolve",
		"--pid-file=" + filepath.Join(dir, "pid"), "--log-error=" + filepath.Join(dir, "log")}
	if os.Geteuid() == 0 {
		args = append(args, "--user=mysql") // the server drops to mysql itself: it stays our child
	}
	cmd := exec.Command("mariadbd", args...)
	if err := cmd.Start(); err != nil {
		s.Stop()
		return nil, err
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	s.stop = func() {
		cmd.Process.Kill() // a throw-away server: no clean shutdown needed
		<-done
	}
	alive := func() bool {
		select {
		case <-done:
			return false
		default:
			return true
		}
	}
	if err := waitPort(s.Port, alive); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		s.Stop()
		return nil, fmt.Errorf("mariadbd: %w: %s", err, log)
	}
	q := "CREATE USER 'coffre'@'%' IDENTIFIED BY '" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(Password) +
		"'; GRANT ALL ON *.* TO 'coffre'@'%' WITH GRANT OPTION;"
	admin := "root"
	if u, err := user.Current(); err == nil && os.Geteuid() != 0 {
		admin = u.Username
	}
	if err := output(exec.Command("mariadb", "--no-defaults", "--socket="+sock, "-u"+admin, "-e", q)); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

// Main starts a PostgreSQL and a MariaDB server into *pg and *my, runs the package's tests and
// stops both: a package's TestMain is `os.Exit(dbtest.Main(m, &pg, &my))`. A server that cannot
// start fails the package (exit status 1): it is never skipped.
func Main(m *testing.M, pg, my **Server) int {
	var err error
	if *pg, err = Postgres(); err != nil {
		fmt.Fprintln(os.Stderr, "start PostgreSQL:", err)
		return 1
	}
	defer (*pg).Stop()
	if *my, err = MariaDB(); err != nil {
		fmt.Fprintln(os.Stderr, "start MariaDB:", err)
		return 1
	}
	defer (*my).Stop()
	return m.Run()
}
