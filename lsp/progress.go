package lsp

import (
	"context"
	"fmt"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"
)

// A progress reports the progress of work the server started to the
// client. A nil progress, for a client that does not show such progress,
// reports nothing.
type progress struct {
	s       *Server
	ctx     context.Context
	token   protocol.ProgressToken
	percent uint32 // reported last
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

// report reports msg when the percentage rises, and only then: clients
// ignore percentages that fall, and one report per percent is plenty.
func (p *progress) report(msg string, percent uint32) {
	if p == nil || percent <= p.percent {
		return
	}
	p.percent = percent
	p.send(&protocol.WorkDoneProgressReport{Kind: "report", Message: &msg, Percentage: &percent})
}

// indexing returns the function that reports the indexing of the i-th of
// n folders, whose phases make one rising percentage: reading the files
// takes the first tenth of the folder's share, indexing them the rest.
func (p *progress) indexing(i, n int, folder string) func(phase string, done, total int) {
	return func(phase string, done, total int) {
		share := float64(done) / float64(max(total, 1))
		if phase == "reading" {
			share *= 0.1
		} else {
			share = 0.1 + 0.9*share
		}
		p.report(fmt.Sprintf("%s %d/%d files in %s", phase, done, total, folder), uint32((float64(i)+share)*100/float64(n)))
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
