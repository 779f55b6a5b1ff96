package main

import (
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	var ds []time.Duration
	for i := 100; i >= 1; i-- {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	got := summarize(ds)
	want := Stats{N: 100, P50: 50, P95: 95, P99: 99, Max: 100}
	if got != want {
		t.Errorf("summarize(1..100 ms) = %+v, want %+v", got, want)
	}
	if got := summarize([]time.Duration{7 * time.Millisecond}); got.P50 != 7 || got.P99 != 7 {
		t.Errorf("summarize(7 ms) = %+v", got)
	}
	if got := summarize(nil); got.N != 0 || got.String() != "-" {
		t.Errorf("summarize(nil) = %+v", got)
	}
}

func TestGroupLeavesFailuresOut(t *testing.T) {
	l := group([]sample{
		{kind: paste, where: "start", latency: 10 * time.Millisecond},
		{kind: paste, where: "end", latency: 30 * time.Millisecond},
		{kind: undo, where: "end", failed: true},
	})
	if l.Overall.N != 2 || l.ByKind[paste].N != 2 || l.ByPosition["end"].N != 1 || l.ByKindPosition["paste/start"].P50 != 10 {
		t.Errorf("group = %+v", l)
	}
	if _, ok := l.ByKind[undo]; ok {
		t.Error("a failed edit was counted")
	}
}
