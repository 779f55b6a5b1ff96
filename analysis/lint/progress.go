package lint

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progressDelay is how long a run goes quiet before it shows progress:
// short runs print nothing.
const progressDelay = time.Second

// progress prints "asynclint: checking 120/800 files" on one line,
// rewritten in place, once a run has lasted progressDelay.
type progress struct {
	w       io.Writer
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

func (p *progress) start(phase string, total int) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.phase, p.done, p.total = phase, 0, total
}

func (p *progress) add(n int) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
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
