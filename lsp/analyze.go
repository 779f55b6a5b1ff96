package lsp

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/check"
	"github.com/asynclint/asynclint/analysis/engine"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/semantic"
	"go.uber.org/zap"
)

// checkOptions returns how the text of the document at path is checked in
// environment e: in the project as its folder's index has it now, or on
// its own until the index is ready. Its summary reuses what memo, when not
// nil, kept of the document's last text.
func (s *Server) checkOptions(path string, e *env, memo *analysis.SummaryMemo) *check.Options {
	return &check.Options{
		Rules:    e.rules,
		Settings: &e.cfg.Settings,
		Project:  func(file *semantic.File) *project.View { return s.view(path, file, memo) },
	}
}

// view returns the project as seen from the document at path whose text
// file models: from the index of the innermost workspace folder that holds
// it, or nil while that index is being built and outside the folders.
func (s *Server) view(path string, file *semantic.File, memo *analysis.SummaryMemo) *project.View {
	ws := s.workspace(path)
	if ws == nil {
		return nil
	}
	return ws.View(path, file, memo)
}

// workspace returns the index of the innermost workspace folder that holds
// path, or nil while it is being built and outside the folders.
func (s *Server) workspace(path string) *engine.Workspace {
	if path == "" {
		return nil
	}
	inner := s.indexes.innermost(path)
	if inner == nil {
		return nil
	}
	return inner.workspace()
}

// prepareSummary summarizes the text of sn, the document's latest, in the
// background if the document's memo holds no summary: a text just opened
// is checked with the index's summary of the file, and its first edit
// should not wait for one. It is called once the diagnostics are on
// their way.
func (s *Server) prepareSummary(sn *snapshot) {
	memo := &sn.doc.summaries
	ws := s.workspace(sn.path)
	if ws == nil || !memo.Empty() {
		return
	}
	tree, err := sn.syntax()
	if err != nil {
		return
	}
	go s.safely("summarize", func() {
		file := semantic.Build(tree)
		defer file.Release()
		ws.Prepare(sn.path, file, memo)
	})
}

// result is what checking a snapshot found: problems with the file itself
// and the rules' diagnostics, in byte offsets.
type result struct {
	notes []check.Note
	diags []analysis.Diagnostic
}

// cancelled returns a stop function for an analysis that a request
// waits on: it stops once the request is cancelled.
func cancelled(ctx context.Context) func() bool {
	return func() bool { return ctx.Err() != nil }
}

// result returns the snapshot's analysis, running it on first use.
// Analysing a snapshot that is no longer wanted stops as soon as stop,
// when not nil, says so: the result is then nil, and nothing is kept. A
// caller that finds an analysis under way waits for it, and gives up as
// soon as stop says so too: a cancelled request is answered at once,
// whoever started the analysis it waits on.
func (s *Server) result(sn *snapshot, stop func() bool) *result {
	for {
		sn.mu.Lock()
		if res := sn.res; res != nil {
			sn.mu.Unlock()
			return res
		}
		running := sn.running
		if running == nil {
			running = make(chan struct{})
			sn.running = running
			sn.mu.Unlock()
			res := s.analyzeSafely(sn, stop)
			sn.mu.Lock()
			sn.res, sn.running = res, nil
			sn.mu.Unlock()
			close(running)
			return res
		}
		sn.mu.Unlock()
		if !waitFor(running, stop) {
			return nil
		}
	}
}

// waitFor waits until done is closed, asking stop, when not nil, every few
// milliseconds whether to give up; it reports whether done was closed.
func waitFor(done <-chan struct{}, stop func() bool) bool {
	if stop == nil {
		<-done
		return true
	}
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return true
		case <-tick.C:
			if stop() {
				return false
			}
		}
	}
}

// analyzeSafely is analyze, with a panic turned into a note.
func (s *Server) analyzeSafely(sn *snapshot, stop func() bool) (res *result) {
	defer func() {
		if v := recover(); v != nil {
			s.log.Error("analysis panicked", zap.String("uri", string(sn.uri)), zap.Any("panic", v), zap.ByteString("stack", debug.Stack()))
			res = &result{notes: []check.Note{{Message: fmt.Sprintf("internal error in asynclint: %v", v)}}}
		}
	}()
	return s.analyze(sn, stop)
}

// analyze checks a snapshot in the project as its folder's index has it
// now, or on its own until the index is ready; nil when stop ended it.
func (s *Server) analyze(sn *snapshot, stop func() bool) *result {
	tree, err := sn.syntax()
	// The memory the next edit's parse fills is mapped in while this
	// text is checked.
	go s.safely("prepare a parse", sn.doc.prepareParse)
	if s.log.Core().Enabled(zap.DebugLevel) {
		counts := sn.doc.counts()
		s.log.Debug("parsed", zap.String("uri", string(sn.uri)), zap.Int32("version", sn.version),
			zap.Int("full", counts.Full), zap.Int("incremental", counts.Incremental))
	}
	switch {
	case err != nil:
		s.log.Warn("cannot parse", zap.String("uri", string(sn.uri)), zap.Error(err))
		return &result{notes: []check.Note{{Message: "cannot parse: " + err.Error()}}}
	case sn.env.excluded:
		return &result{}
	}
	opts := s.checkOptions(sn.path, sn.env, &sn.doc.summaries)
	opts.Stop = stop
	opts.Last = sn.doc.lastCheck(sn.env)
	res := check.Run(tree, opts)
	if res.Stopped {
		return nil
	}
	sn.doc.keepCheck(sn, res)
	return &result{notes: res.Notes, diags: res.Diagnostics}
}
