package lsp

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/discover"
)

// scanWorkspace finds the Python files of the workspace folders, with
// work-done progress, as asynclint check would: honouring .gitignore and
// the configuration's exclude patterns.
//
// This is where the project index will be built, for findings that cross
// modules: it will parse the files found here (folder by folder, reporting
// progress the same way) and give each document's analysis its view of
// the project (see diagnostics.go). Until then the scan only counts them.
func (s *Server) scanWorkspace(ctx context.Context) {
	s.mu.Lock()
	folders := slices.Clone(s.folders)
	s.mu.Unlock()
	if len(folders) == 0 {
		return
	}
	p := s.beginProgress(ctx, "asynclint: scanning the workspace")
	total := 0
	for i, dir := range folders {
		cfg, err := config.Find(dir, s.known)
		if err != nil {
			cfg = defaultConfig(dir) // opening a file there reports the error
		}
		files, errs := discover.Walk([]string{dir}, discover.Options{Exclude: cfg.Exclude, ExcludeRoot: cfg.Root, RespectGitignore: true})
		for _, err := range errs {
			s.log.Debug("scanning the workspace", zap.Error(err))
		}
		total += len(files)
		p.report(fmt.Sprintf("%d Python files in %s", len(files), filepath.Base(dir)), uint32((i+1)*100/len(folders)))
	}
	s.mu.Lock()
	s.pythonFiles = total
	s.mu.Unlock()
	p.end(fmt.Sprintf("%d Python files", total))
	s.log.Info("workspace scanned", zap.Int("folders", len(folders)), zap.Int("python_files", total))
}

// A progress reports the progress of work the server started to the
// client. A nil progress, for a client that does not show such progress,
// reports nothing.
type progress struct {
	s     *Server
	ctx   context.Context
	token protocol.ProgressToken
}

// beginProgress creates a progress token with the client and begins.
func (s *Server) beginProgress(ctx context.Context, title string) *progress {
	if !s.caps.progress {
		return nil
	}
	token := protocol.String(fmt.Sprintf("asynclint-%d", lastSeq.Add(1)))
	if err := s.client.WorkDoneProgressCreate(ctx, &protocol.WorkDoneProgressCreateParams{Token: token}); err != nil {
		s.log.Warn("creating a progress token", zap.Error(err))
		return nil
	}
	p := &progress{s: s, ctx: ctx, token: token}
	p.send(&protocol.WorkDoneProgressBegin{Kind: "begin", Title: title, Percentage: ptr(uint32(0))})
	return p
}

func (p *progress) report(msg string, percent uint32) {
	if p != nil {
		p.send(&protocol.WorkDoneProgressReport{Kind: "report", Message: &msg, Percentage: &percent})
	}
}

func (p *progress) end(msg string) {
	if p != nil {
		p.send(&protocol.WorkDoneProgressEnd{Kind: "end", Message: &msg})
	}
}

func (p *progress) send(value any) {
	raw, err := protocol.Marshal(value)
	if err == nil {
		err = p.s.client.Progress(p.ctx, &protocol.ProgressParams{Token: p.token, Value: raw})
	}
	if err != nil {
		p.s.log.Warn("reporting progress", zap.Error(err))
	}
}
