package engine

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progressDelay is how long a run goes quiet before it shows progress:
// short runs print nothing.
const progressDelay = time.Second

// progress shows how far a run has gone: on a terminal, "asynclint:
// checking 120/800 files" on one line, rewritten in place once a run has
// lasted progressDelay; to a program, through a function called after
// every file.
type progress struct {
	w       io.Writer
	report  func(phase string, done, total int)
	mu      sync.Mutex
	began   time.Time
	phase   string
	done    int
	total   int
	printed bool
	last    time.Time
}

func newProgress(w io.Writer) *progress {
	return &progress{w: w, began: time.Now()}
}

// reportingProgress returns a progress that calls report after every file;
// report is called with no other call in progress.
func reportingProgress(report func(phase string, done, total int)) *progress {
	return &progress{report: report}
}

func (p *progress) quiet() bool { return p.w == nil && p.report == nil }

func (p *progress) start(phase string, total int) {
	if p.quiet() {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	// Indexing reaches further modules wave after wave: the waves of a
	// phase add up.
	if phase == p.phase {
		p.total += total
	} else {
		p.phase, p.done, p.total = phase, 0, total
	}
}

func (p *progress) add(n int) {
	if p.quiet() {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	if p.report != nil {
		p.report(p.phase, p.done, p.total)
		return
	}
	now := time.Now()
	if now.Sub(p.began) < progressDelay || now.Sub(p.last) < 100*time.Millisecond && p.done < p.total {
		return
	}
	p.last, p.printed = now, true
	fmt.Fprintf(p.w, "\r\033[Kasynclint: %s %d/%d files", p.phase, p.done, p.total)
}

// stop clears the progress line, if one was printed.
func (p *progress) stop() {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.printed {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
