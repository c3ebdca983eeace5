package cli

import (
	"context"
	"fmt"
	"io"
	"os"

	"coffre/engine/manifest"
	"coffre/server/keys"
)

func init() {
	register(&command{name: "host-key export", usage: "[--out FILE]",
		summary: "Print this host's public key, for coffre host-key import on the host that replaces it.", run: hostKeyExport})
	register(&command{name: "host-key import", usage: "FILE|-",
		summary: "Trust the backups signed by another host's key (a file that coffre host-key export wrote there).",
		run:     hostKeyImport})
	register(&command{name: "host-key show", usage: "",
		summary: "Show the fingerprint of this host's key and of the keys it trusts.", run: hostKeyShow})
}

func hostKeyExport(_ context.Context, env Env, args []string) error {
	f := newFlags(env, "host-key export")
	out := f.String("out", "", "write to this file instead of the standard output")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	k, err := f.keys()
	if err != nil {
		return err
	}
	host, _ := os.Hostname()
	line := k.Export(host)
	if *out == "" {
		_, err = io.WriteString(env.Stdout, line)
		return err
	}
	if err := os.WriteFile(*out, []byte(line), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "host key %s written to %s\n", k.Fingerprint(), *out)
	return nil
}

func hostKeyImport(_ context.Context, env Env, args []string) error {
	f := newFlags(env, "host-key import")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	var data []byte
	if pos[0] == "-" {
		data, err = io.ReadAll(io.LimitReader(env.Stdin, 64<<10))
	} else {
		data, err = os.ReadFile(pos[0])
	}
	if err != nil {
		return fmt.Errorf("read the key: %w", err)
	}
	pub, err := keys.ParseExported(data)
	if err != nil {
		return err
	}
	k, err := f.keys()
	if err != nil {
		return err
	}
	added, err := k.Import(f.data, pub, "imported")
	if err != nil {
		return err
	}
	fp := manifest.KeyFingerprint(pub)
	if !added {
		fmt.Fprintf(env.Stdout, "key %s is trusted already\n", fp)
		return nil
	}
	fmt.Fprintf(env.Stdout, "key %s imported: the backups it signed are trusted on this host\n", fp)
	return nil
}

func hostKeyShow(_ context.Context, env Env, args []string) error {
	f := newFlags(env, "host-key show")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	k, err := f.keys()
	if err != nil {
		return err
	}
	imp, err := keys.Imported(f.data)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "this host: %s\n", k.Fingerprint())
	for _, p := range imp {
		fmt.Fprintf(env.Stdout, "trusted:   %s\n", manifest.KeyFingerprint(p))
	}
	return nil
}
