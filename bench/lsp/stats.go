package main

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"time"
)

// Stats summarize latencies, in milliseconds.
type Stats struct {
	N   int     `json:"n"`
	P50 float64 `json:"p50_ms"`
	P95 float64 `json:"p95_ms"`
	P99 float64 `json:"p99_ms"`
	Max float64 `json:"max_ms"`
}

// summarize returns the percentiles of ds, by the nearest-rank method: the
// p-th percentile is a latency that was measured, the smallest that at
// least p% of them do not exceed.
func summarize(ds []time.Duration) Stats {
	if len(ds) == 0 {
		return Stats{}
	}
	sorted := slices.Sorted(slices.Values(ds))
	rank := func(p float64) float64 {
		i := int(math.Ceil(p/100*float64(len(sorted)))) - 1
		return ms(sorted[max(i, 0)])
	}
	return Stats{N: len(sorted), P50: rank(50), P95: rank(95), P99: rank(99), Max: ms(sorted[len(sorted)-1])}
}

func ms(d time.Duration) float64 { return math.Round(float64(d.Microseconds())) / 1000 }

func (s Stats) String() string {
	if s.N == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f/%.0f/%.0f", s.P50, s.P95, s.P99)
}

// A sample is one measured latency, or a failure to get one.
type sample struct {
	kind, where string
	latency     time.Duration
	failed      bool
}

// latencies groups samples: all of them, by kind, by position, and by
// both ("kind/position"), failures left out.
type latencies struct {
	Overall        Stats            `json:"overall"`
	ByKind         map[string]Stats `json:"by_kind"`
	ByPosition     map[string]Stats `json:"by_position"`
	ByKindPosition map[string]Stats `json:"by_kind_position"`
}

func group(samples []sample) latencies {
	all := []time.Duration{}
	by := map[string][]time.Duration{}
	for _, s := range samples {
		if s.failed {
			continue
		}
		all = append(all, s.latency)
		for _, key := range []string{"kind:" + s.kind, "where:" + s.where, "both:" + s.kind + "/" + s.where} {
			by[key] = append(by[key], s.latency)
		}
	}
	l := latencies{Overall: summarize(all), ByKind: map[string]Stats{}, ByPosition: map[string]Stats{}, ByKindPosition: map[string]Stats{}}
	for key, ds := range by {
		group, name, _ := strings.Cut(key, ":")
		map[string]map[string]Stats{"kind": l.ByKind, "where": l.ByPosition, "both": l.ByKindPosition}[group][name] = summarize(ds)
	}
	return l
}

// loadAverage returns the 1-minute load average, or -1.
func loadAverage() float64 {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	var load float64
	if _, err := fmt.Sscan(string(data), &load); err != nil {
		return -1
	}
	return load
}
