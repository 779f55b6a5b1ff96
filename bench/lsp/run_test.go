package main

import (
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestRunAsyncls measures the asyncls of this tree, briefly, in each mode:
// every edit gets its diagnostics, and the figures are filled in.
func TestRunAsyncls(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "asyncls")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/asynclint/asynclint/cmd/asyncls").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := t.TempDir()
	mods, err := writeWorkspace(dir, []int{300}, 1)
	if err != nil {
		t.Fatal(err)
	}
	opts := options{edits: 6, bursts: 2, burstLen: 3, burstGap: 5 * time.Millisecond, seed: 1,
		firstTimeout: time.Minute, indexTimeout: time.Minute}
	r := &runner{dir: dir, mods: mods, opts: opts, timeout: time.Minute}
	srv := server{name: "asyncls", command: []string{bin}, settings: vscodeSettings, indexes: true}
	for _, mode := range modes {
		res := r.run(srv, mode)
		if res.Error != "" {
			t.Fatalf("%s: %s", mode, res.Error)
		}
		if res.RSSMB <= 0 || res.PeakRSSMB < res.RSSMB {
			t.Errorf("%s: memory %.1f MB, peak %.1f MB", mode, res.RSSMB, res.PeakRSSMB)
		}
		f := res.Files[0]
		want := opts.edits
		if isBurst(mode) {
			want = opts.bursts
		}
		if f.Error != "" || f.Failures != 0 || f.Edits != want || f.Latency.Overall.N != want {
			t.Errorf("%s: %+v", mode, f)
		}
		if f.FirstCount == 0 || f.FirstMS <= 0 {
			t.Errorf("%s: first diagnostics: %d in %.1f ms; the module has blocking calls", mode, f.FirstCount, f.FirstMS)
		}
	}
}
