package main

import (
	"os"
	"os/exec"
	"path/filepath"
)

// Keys of the steps: a result's key is "<tree>/<step>/<tool>", the tool "peer" or "coffre".
const (
	stepFull     = "full"
	stepLevel0   = "level0"
	stepNoChange = "nochange"
	stepChange   = "change"
	stepRestore  = "restore"
	stepList     = "list"
)

// step is one measured operation: the peer's command, then Coffre's, on the same state. A new
// step is one entry of steps (and a target in targets, if it has one).
type step struct {
	key, title string
	peerTitle  string
	only       string            // run on this tree only; "" on every tree
	before     func(*pass) error // prepares the state; nil for none
	peer       func(*pass) measure
	coffre     func(*pass) measure
	after      func(*pass) // releases what before started; nil for none
}

// steps run in this order on each tree, at each run.
var steps = []step{
	{key: stepFull, title: "full backup", peerTitle: "tar -cf - . | zstd -3 -T0",
		peer: func(p *pass) measure { return p.peerArchive("full.tar.zst", p.tar("-cf", "-", "."), zstdC()) },
		coffre: func(p *pass) measure {
			m, name := p.c.backup()
			p.full = name
			return m
		}},
	ftpStep,
	{key: stepLevel0, title: "full backup, incremental mode (reference)", peerTitle: "tar --listed-incremental | zstd -3 -T0",
		peer: func(p *pass) measure { return p.peerArchive("level0.tar.zst", p.tarLevel()...) }},
	{key: stepNoChange, title: "incremental, no change", peerTitle: "tar --listed-incremental | zstd -3 -T0",
		peer: func(p *pass) measure { return p.peerArchive("level1.tar.zst", p.tarLevel()...) },
		coffre: func(p *pass) measure {
			m, _ := p.c.backup("--incremental")
			return m
		}},
	{key: stepChange, title: "incremental, 1% changed", peerTitle: "tar --listed-incremental | zstd -3 -T0",
		only: "corpus", before: changeTree,
		peer: func(p *pass) measure { return p.peerArchive("level2.tar.zst", p.tarLevel()...) },
		coffre: func(p *pass) measure {
			m, _ := p.c.backup("--incremental")
			return m
		}},
	{key: stepRestore, title: "full restore", peerTitle: "zstd -d | tar -x",
		peer: peerRestore,
		coffre: func(p *pass) measure {
			return p.c.restore(p.full, p.out("restore-coffre"))
		}},
	{key: stepList, title: "CLI start: list the backups",
		coffre: func(p *pass) measure {
			settle()
			return pipeline(nil, p.c.cmd("backups", benchClient, "--storage", "server"))
		}},
	protectStep,
	sparseStep,
}

func changeTree(p *pass) error {
	st, err := p.t.change()
	p.b.logf("%s: changed: %s", p.t.name, st)
	return err
}

// peerArchive runs a peer pipeline whose output goes to the file name in the work folder.
func (p *pass) peerArchive(name string, cmds ...*exec.Cmd) measure {
	f, err := os.Create(p.out(name))
	if err != nil {
		return measure{Err: err}
	}
	defer f.Close()
	settle()
	m := pipeline(f, cmds...)
	if info, err := f.Stat(); err == nil {
		m.Output = info.Size()
	}
	return m
}

// peerRestore extracts the full archive. What it wrote stays until the run ends: removing
// many files makes the disk slow to create files for a while after, which would tax whichever
// restore came next.
func peerRestore(p *pass) measure {
	dst := p.out("restore-peer")
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return measure{Err: err}
	}
	settle()
	unzstd := exec.Command("zstd", "-d", "-q", "-c", p.out("full.tar.zst"))
	m := pipeline(nil, unzstd, exec.Command("tar", "-C", dst, "-xf", "-"))
	m.Output, m.Note = treeSummary(dst)
	return m
}

// tar returns a GNU tar command run in the tree.
func (p *pass) tar(args ...string) *exec.Cmd {
	return exec.Command("tar", append([]string{"-C", p.t.dir}, args...)...)
}

// tarLevel is the next level of GNU tar's incremental chain, compressed.
func (p *pass) tarLevel() []*exec.Cmd {
	return []*exec.Cmd{p.tar("--listed-incremental="+p.out("snar"), "-cf", "-", "."), zstdC()}
}

func zstdC() *exec.Cmd { return exec.Command("zstd", "-3", "-T0", "-q", "-c") }

func (p *pass) out(name string) string { return filepath.Join(p.work, name) }
