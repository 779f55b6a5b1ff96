package main

import (
	"encoding/json"
	"fmt"
	"io"
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
	Lines   int   `json:"lines"`
	Default Stats `json:"default_rules"`
	Async   Stats `json:"async_rules"`
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
			Default, Async []float64 // ms per call
		}
	}
	if err := json.Unmarshal(out, &raw); err != nil {
		return nil, fmt.Errorf("time-check.mjs printed %q: %w", out, err)
	}
	res := &RuffResult{Version: raw.Version}
	for i, f := range raw.Files {
		res.Files = append(res.Files, RuffFile{Lines: mods[i].lines, Default: summarizeMS(f.Default), Async: summarizeMS(f.Async)})
	}
	return res, nil
}

func summarizeMS(ms []float64) Stats {
	ds := make([]time.Duration, len(ms))
	for i, m := range ms {
		ds[i] = time.Duration(m * float64(time.Millisecond))
	}
	return summarize(ds)
}

func printRuff(w io.Writer, r *RuffResult) {
	fmt.Fprintf(w, "\nruff %s (wasm, node), check of the whole text per call, p50/p95/p99 ms:\n", r.Version)
	for _, f := range r.Files {
		fmt.Fprintf(w, "  %d lines: default rules %s (%d calls), ASYNC rules %s\n", f.Lines, f.Default, f.Default.N, f.Async)
	}
}
