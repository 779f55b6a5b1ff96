package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// The modes: how diagnostics come (pushed, or pulled after each change)
// and the rhythm of the edits (one, then its diagnostics; or a burst of
// typing).
var modes = []string{"push", "pull", "burst-push", "burst-pull"}

func isPull(mode string) bool  { return mode == "pull" || mode == "burst-pull" }
func isBurst(mode string) bool { return mode == "burst-push" || mode == "burst-pull" }

// A RunResult is what one server process measured in one mode.
type RunResult struct {
	Server       string       `json:"server"`
	Mode         string       `json:"mode"`
	IndexSeconds float64      `json:"index_seconds,omitempty"`
	Files        []FileResult `json:"files"`
	RSSMB        float64      `json:"rss_mb"`
	PeakRSSMB    float64      `json:"peak_rss_mb"`
	LoadBefore   float64      `json:"load_before"`
	LoadAfter    float64      `json:"load_after"`
	Error        string       `json:"error,omitempty"`
}

// A FileResult is what was measured on one module.
type FileResult struct {
	Lines          int       `json:"lines"`
	FinalLines     int       `json:"final_lines"`
	FirstMS        float64   `json:"first_diagnostics_ms"`
	FirstCount     int       `json:"first_diagnostics"`
	Edits          int       `json:"edits"`
	Failures       int       `json:"failures"`
	FailedEdits    []string  `json:"failed_edits,omitempty"`
	StalePublished int       `json:"stale_publications,omitempty"`
	CPUPerEditMS   float64   `json:"server_cpu_ms_per_edit"` // per burst in the burst modes
	Latency        latencies `json:"edit_to_diagnostics"`
	Error          string    `json:"error,omitempty"`
}

// A runner measures the servers on the modules of one workspace.
type runner struct {
	dir     string
	mods    []module
	opts    options
	timeout time.Duration // for one edit's diagnostics
}

// run starts srv in mode and measures each module in turn: the first
// diagnostics after didOpen, then the edits. Each run indexes the
// workspace from scratch: the cache a previous run left is removed.
func (r *runner) run(srv server, mode string) RunResult {
	res := RunResult{Server: srv.name, Mode: mode, LoadBefore: loadAverage()}
	if err := os.RemoveAll(filepath.Join(r.dir, ".asynclint_cache")); err != nil {
		res.Error = err.Error()
		return res
	}
	c, err := startClient(srv, r.dir, isPull(mode), r.opts.indexTimeout)
	if err != nil {
		res.Error = err.Error()
		return res
	}
	defer c.close(10 * time.Second)
	if srv.indexes {
		start := time.Now()
		end, err := c.waitIndexed(r.opts.indexTimeout)
		if err != nil {
			res.Error = err.Error()
			return res
		}
		res.IndexSeconds = end.Sub(start).Seconds()
	}
	for i, m := range r.mods {
		res.Files = append(res.Files, r.file(c, m, mode, r.opts.seed+uint64(i)))
	}
	res.RSSMB, res.PeakRSSMB, _ = c.memory()
	res.LoadAfter = loadAverage()
	return res
}

// file opens the module m and edits it.
func (r *runner) file(c *client, m module, mode string, seed uint64) FileResult {
	res := FileResult{Lines: m.lines}
	doc := &document{uri: fileURI(m.path), text: m.text, version: 1}
	start := time.Now()
	if err := c.open(doc); err != nil {
		res.Error = err.Error()
		return res
	}
	d := diagnostics{c: c, doc: doc, pull: isPull(mode)}
	at, count, err := d.after(start, r.opts.firstTimeout)
	if err != nil {
		res.Error = fmt.Sprintf("first diagnostics of %s: %v", m.name, err)
		return res
	}
	res.FirstMS, res.FirstCount = ms(at.Sub(start)), count
	p := newPlan(seed)
	var samples []sample
	cpu0, cpuErr := c.cpuTime()
	if isBurst(mode) {
		samples, res.StalePublished = r.bursts(&d, p)
	} else {
		samples = r.edits(&d, p)
	}
	if cpu1, err := c.cpuTime(); err == nil && cpuErr == nil {
		res.CPUPerEditMS = ms((cpu1 - cpu0) / time.Duration(len(samples)))
	}
	for _, s := range samples {
		res.Edits++
		if s.failed {
			res.Failures++
			res.FailedEdits = append(res.FailedEdits, s.kind+"/"+s.where)
		}
	}
	res.Latency = group(samples)
	res.FinalLines = strings.Count(doc.text, "\n")
	return res
}

// edits makes the planned edits one at a time, each waiting for its
// diagnostics.
func (r *runner) edits(d *diagnostics, p *plan) []sample {
	var samples []sample
	for range r.opts.edits {
		e := p.next(d.doc.text)
		start, err := d.edit(e)
		s := sample{kind: e.kind, where: e.where}
		if err == nil {
			var at time.Time
			at, _, err = d.after(start, r.timeout)
			s.latency = at.Sub(start)
		}
		s.failed = err != nil
		samples = append(samples, s)
	}
	return samples
}

// bursts types in bursts, an edit every r.opts.burstGap, and measures from
// the last edit of each burst to its diagnostics. The line typed is then
// removed, unmeasured. It also returns how many diagnostics were published
// for versions typed before the last of a burst.
func (r *runner) bursts(d *diagnostics, p *plan) ([]sample, int) {
	var samples []sample
	stale := 0
	for i := range r.opts.bursts {
		where := positions[i%len(positions)]
		burst, revert := p.typing(d.doc.text, where, r.opts.burstLen)
		first := d.doc.version + 1
		var start time.Time
		var err error
		for j, e := range burst {
			if j > 0 {
				time.Sleep(r.opts.burstGap)
			}
			if start, err = d.edit(e); err != nil {
				break
			}
		}
		s := sample{kind: "typing", where: where}
		if err == nil {
			var at time.Time
			at, _, err = d.after(start, r.timeout)
			s.latency = at.Sub(start)
		}
		s.failed = err != nil
		samples = append(samples, s)
		if !d.pull {
			stale += d.c.publishedBetween(d.doc.uri, first, d.doc.version)
		}
		if start, err := d.edit(revert); err == nil {
			d.after(start, r.timeout)
		}
	}
	return samples, stale
}

// diagnostics gets a document's diagnostics the way the mode says: waiting
// for those pushed for its version, or pulling them after each change,
// cancelling the pull under way as VS Code does.
type diagnostics struct {
	c        *client
	doc      *document
	pull     bool
	pending  *pull
	resultID string
}

// edit applies e to the document and sends it, with a pull when pulling;
// it returns when it was sent.
func (d *diagnostics) edit(e *edit) (time.Time, error) {
	ch := d.doc.apply(e)
	start := time.Now()
	if err := d.c.change(d.doc, ch); err != nil {
		return start, err
	}
	if d.pull {
		return start, d.startPull()
	}
	return start, nil
}

func (d *diagnostics) startPull() error {
	if d.pending != nil {
		d.c.cancel(*d.pending)
	}
	p, err := d.c.startPull(d.doc.uri, d.resultID)
	d.pending = &p
	return err
}

// after waits for the diagnostics of the document's current version and
// returns when they came and how many there were.
func (d *diagnostics) after(start time.Time, timeout time.Duration) (time.Time, int, error) {
	deadline := start.Add(timeout)
	if !d.pull {
		p, ok := d.c.diagnosed(d.doc.uri, d.doc.version, deadline)
		if !ok {
			return time.Time{}, 0, fmt.Errorf("no diagnostics for version %d within %v", d.doc.version, timeout)
		}
		return p.at, p.count, nil
	}
	if d.pending == nil {
		if err := d.startPull(); err != nil {
			return time.Time{}, 0, err
		}
	}
	p := *d.pending
	d.pending = nil
	at, id, count, err := d.c.pulled(p, deadline)
	if err == nil {
		d.resultID = id
	}
	return at, count, err
}
