package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"
)

// A RuffResult is how long ruff's check of each large module took per call:
// what ruff's language server does on each edit, as it checks the whole
// file again.
type RuffResult struct {
	Version string     `json:"version"`
	Files   []RuffFile `json:"files"`
}

// A RuffFile holds the per-call times of one module, with ruff's default
// rules and with its ASYNC rules only.
type RuffFile struct {
	Lines   int        `json:"lines"`
	Default RuffTiming `json:"default_rules"`
	Async   RuffTiming `json:"async_rules"`
}

// A RuffTiming is the wall time of each call, and the mean CPU time of one.
type RuffTiming struct {
	Wall  Stats   `json:"wall"`
	CPUMS float64 `json:"mean_cpu_ms"`
}

// timing is how time-check.mjs prints a RuffTiming.
type timing struct {
	Wall []float64 // ms
	CPU  float64   // ms
}

func (t timing) summarize() RuffTiming {
	ds := make([]time.Duration, len(t.Wall))
	for i, m := range t.Wall {
		ds[i] = time.Duration(m * float64(time.Millisecond))
	}
	return RuffTiming{Wall: summarize(ds), CPUMS: math.Round(t.CPU*10) / 10}
}

// timeRuff runs bench/ruff's time-check.mjs, installed in dir, on the
// modules, calls times each.
func timeRuff(dir string, mods []module, calls int) (*RuffResult, error) {
	args := []string{filepath.Join(dir, "time-check.mjs"), strconv.Itoa(calls)}
	for _, m := range mods {
		args = append(args, m.path)
	}
	out, err := exec.Command("node", args...).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return nil, fmt.Errorf("node time-check.mjs: %v: %s", err, ee.Stderr)
		}
		return nil, fmt.Errorf("node time-check.mjs: %w", err)
	}
	var raw struct {
		Version string
		Files   []struct {
			Path           string
			Default, Async timing
		}
	}
	if err := json.Unmarshal(out, &raw); err != nil {
		return nil, fmt.Errorf("time-check.mjs printed %q: %w", out, err)
	}
	res := &RuffResult{Version: raw.Version}
	for i, f := range raw.Files {
		res.Files = append(res.Files, RuffFile{Lines: mods[i].lines, Default: f.Default.summarize(), Async: f.Async.summarize()})
	}
	return res, nil
}

func printRuff(w io.Writer, r *RuffResult) {
	fmt.Fprintf(w, "\nruff %s (wasm, node), check of the whole text per call, wall p50/p95/p99 ms and mean CPU ms:\n", r.Version)
	for _, f := range r.Files {
		fmt.Fprintf(w, "  %d lines: default rules %s, CPU %.1f; ASYNC rules %s, CPU %.1f (%d calls)\n",
			f.Lines, f.Default.Wall, f.Default.CPUMS, f.Async.Wall, f.Async.CPUMS, f.Async.Wall.N)
	}
}
