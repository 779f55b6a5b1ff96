package lsp

import (
	"context"
	"path/filepath"
	"strconv"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/source"
)

// diagnosticSource names asynclint in diagnostics.
var diagnosticSource = protocol.NewOptional("asynclint")

// mapper returns the position mapper of a snapshot.
func (s *Server) mapper(sn *snapshot) mapper { return mapper{s.caps.encoding, sn.lines()} }

// protocolDiagnostics converts the result of a snapshot's analysis.
func (s *Server) protocolDiagnostics(sn *snapshot, res *result) []protocol.Diagnostic {
	m := s.mapper(sn)
	out := make([]protocol.Diagnostic, 0, len(res.notes)+len(res.diags))
	for _, n := range res.notes {
		out = append(out, protocol.Diagnostic{
			Range:    m.rng(n.Offset, n.Offset),
			Severity: protocol.DiagnosticSeverityError,
			Source:   diagnosticSource,
			Message:  protocol.String(n.Message),
		})
	}
	for _, d := range res.diags {
		out = append(out, s.diagnostic(sn, m, d))
	}
	return out
}

// diagnostic converts one of a snapshot's diagnostics.
func (s *Server) diagnostic(sn *snapshot, m mapper, d analysis.Diagnostic) protocol.Diagnostic {
	out := protocol.Diagnostic{
		Range:    m.rng(d.Start, d.End),
		Severity: protocol.DiagnosticSeverityError,
		Source:   diagnosticSource,
		Message:  protocol.String(d.Message),
	}
	if r := d.Rule; r != nil {
		out.Code = protocol.String(r.Code)
		if r.Severity != analysis.Error {
			out.Severity = protocol.DiagnosticSeverityWarning
		}
		if href, err := uri.Parse(sn.env.settings.ruleURL(r.Code)); err == nil {
			out.CodeDescription = protocol.CodeDescription{Href: href}
		}
	}
	for _, rel := range d.Related {
		out.RelatedInformation = append(out.RelatedInformation, s.related(sn, m, rel))
	}
	return out
}

// related locates a related location, in the snapshot's own text or in
// another file's, whose columns are then read from the editor's copy or
// from disk.
func (s *Server) related(sn *snapshot, m mapper, r analysis.Related) protocol.DiagnosticRelatedInformation {
	target := sn.uri
	if r.Path != "" {
		path, _ := filepath.Abs(r.Path)
		target = uri.File(path)
		if other := s.snapshot(target); other != nil {
			m = s.mapper(other)
		} else if lines := sn.diskLines(path); lines != nil {
			m = mapper{m.enc, lines}
		} else {
			// Without the text, code points are the best guess.
			pos := func(p source.Position) protocol.Position {
				return protocol.Position{Line: uint32(max(p.Line-1, 0)), Character: uint32(max(p.Column-1, 0))}
			}
			return protocol.DiagnosticRelatedInformation{
				Location: protocol.Location{URI: target, Range: protocol.Range{Start: pos(r.Start), End: pos(r.End)}},
				Message:  r.Message,
			}
		}
	}
	return protocol.DiagnosticRelatedInformation{
		Location: protocol.Location{URI: target, Range: m.rng(m.lines.Offset(r.Start), m.lines.Offset(r.End))},
		Message:  r.Message,
	}
}

// changed schedules the push of a document's diagnostics after the
// debounce delay, so that a burst of edits is checked once.
func (s *Server) changed(d *document) {
	if s.caps.pull || !d.startCheck() {
		return
	}
	go s.safely("push diagnostics", func() {
		for {
			s.push(d)
			if !d.endCheck() {
				return
			}
		}
	})
}

// push analyses a document's latest snapshot and publishes its
// diagnostics, unless a newer snapshot replaces it in the meantime: the
// analysis then stops, and the newer one's results follow.
func (s *Server) push(d *document) {
	sn := d.current()
	if sn == nil {
		return
	}
	if delay := sn.env.settings.Debounce; delay > 0 {
		time.Sleep(delay)
		if sn = d.current(); sn == nil {
			return
		}
	}
	superseded := func() bool { return d.current() != sn || s.ctx.Err() != nil }
	res := s.result(sn, superseded)
	if res == nil {
		s.log.Debug("stopped the analysis of a superseded version", zap.String("uri", string(sn.uri)), zap.Int32("version", sn.version))
		return
	}
	diags := s.protocolDiagnostics(sn, res)
	d.publishMu.Lock()
	defer d.publishMu.Unlock()
	if d.current() != sn || sn.seq <= d.published {
		s.log.Debug("dropped stale diagnostics", zap.String("uri", string(sn.uri)), zap.Int32("version", sn.version))
		return
	}
	d.published = sn.seq
	if nb := s.notebooks.holding(d); nb != nil {
		s.publishCells(nb, sn, diags)
		return
	}
	err := s.client.PublishDiagnostics(s.ctx, &protocol.PublishDiagnosticsParams{
		URI:         sn.uri,
		Version:     protocol.NewOptional(sn.version),
		Diagnostics: diags,
	})
	if err != nil {
		s.log.Warn("publishing diagnostics", zap.String("uri", string(sn.uri)), zap.Error(err))
	}
	s.prepareSummary(sn)
}

// Diagnostic answers a pull of a document's diagnostics. The result id is
// the snapshot's: unchanged while neither the text nor the configuration
// changes.
func (s *Server) Diagnostic(ctx context.Context, params *protocol.DocumentDiagnosticParams) (protocol.DocumentDiagnosticReport, error) {
	if nb := s.notebooks.ofCell(params.TextDocument.URI); nb != nil {
		return s.cellDiagnostic(ctx, nb, params)
	}
	sn := s.snapshot(params.TextDocument.URI)
	jsonrpc2.Async(ctx) // the snapshot is taken: later messages may be read
	full := protocol.FullDocumentDiagnosticReport{Kind: string(protocol.DocumentDiagnosticReportKindFull), Items: []protocol.Diagnostic{}}
	if sn == nil {
		return &protocol.RelatedFullDocumentDiagnosticReport{FullDocumentDiagnosticReport: full}, nil
	}
	id := strconv.FormatUint(sn.seq, 10)
	if prev := params.PreviousResultID; prev != nil && *prev == id {
		return &protocol.RelatedUnchangedDocumentDiagnosticReport{UnchangedDocumentDiagnosticReport: protocol.UnchangedDocumentDiagnosticReport{
			Kind:     string(protocol.DocumentDiagnosticReportKindUnchanged),
			ResultID: id,
		}}, nil
	}
	// A pull of a version that a newer one replaced stops at once: the
	// client pulls the newer one.
	d := s.docs.get(params.TextDocument.URI)
	res := s.result(sn, func() bool { return ctx.Err() != nil || d.current() != sn })
	switch {
	case ctx.Err() != nil:
		return nil, protocol.ErrRequestCancelled
	case res == nil:
		return nil, protocol.ErrContentModified
	}
	full.Items, full.ResultID = s.protocolDiagnostics(sn, res), &id
	s.prepareSummary(sn)
	return &protocol.RelatedFullDocumentDiagnosticReport{FullDocumentDiagnosticReport: full}, nil
}

// refresh re-checks every open document, after a change of settings or of
// a configuration file: pushed diagnostics are pushed again, and a client
// that pulls is asked to pull again.
func (s *Server) refresh(ctx context.Context) {
	for _, d := range s.docs.all() {
		if d.reconfigure(s.envFor(d.path)) != nil {
			s.changed(d)
		}
	}
	s.pullAgain(ctx)
}

// recheck checks docs again, in a project that changed, as refresh does.
func (s *Server) recheck(ctx context.Context, docs []*document) {
	if len(docs) == 0 {
		return
	}
	for _, d := range docs {
		if d.reconfigure(nil) != nil {
			s.changed(d)
		}
	}
	s.pullAgain(ctx)
}

// pullAgain asks a client that pulls diagnostics to pull them again.
func (s *Server) pullAgain(ctx context.Context) {
	if s.caps.pull && s.caps.refresh {
		if err := s.client.DiagnosticRefresh(ctx); err != nil {
			s.log.Warn("asking the client to pull diagnostics again", zap.Error(err))
		}
	}
}
