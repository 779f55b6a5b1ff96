package report

import "testing"

func TestGitHub(t *testing.T) {
	want := "::error file=app/main.py,line=3,col=5,endLine=3,endColumn=18,title=AL201 (blocking-sleep)::`time.sleep` blocks the event loop\n" +
		"::warning file=app/main.py,line=7,col=9,endLine=7,endColumn=16,title=AL102 (unawaited-coroutine)::coroutine `fetch` is never awaited\n" +
		"::error file=broken.py,line=1,col=8,endLine=1,endColumn=8,title=syntax-error::expected ':'\n" +
		"::error file=données/clé.py,line=2,col=17,endLine=2,endColumn=34,title=AL203 (blocking-http)::`requests.get` blocks the event loop\n" +
		"::warning file=lock.py,line=10,col=5,endLine=12,endColumn=1,title=AL210 (sync-lock-in-async)::`threading.Lock` held across an `await`\n" +
		"::error file=svc.py,line=4,col=5,endLine=4,endColumn=11,title=AL220 (blocking-call-chain)::`load` blocks the event loop through `read_config`\n"
	if got := write(t, all, Options{Format: "github"}); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if got := write(t, nil, Options{Format: "github"}); got != "" {
		t.Errorf("no findings: got %q", got)
	}
}

func TestGitHubEscaping(t *testing.T) {
	tests := []struct {
		name string
		f    Finding
		want string
	}{
		{
			name: "message",
			f:    Finding{Path: "a.py", Code: "AL1", Name: "n", Message: "100% sure:\r\nline two, %0A stays"},
			want: "::error file=a.py,line=0,col=0,endLine=0,endColumn=0,title=AL1 (n)::100%25 sure:%0D%0Aline two, %250A stays\n",
		},
		{
			name: "properties",
			f:    Finding{Path: "dir,1/a:b%.py", Code: "AL1", Name: "x:y,z", Message: "m", Severity: "warning"},
			want: "::warning file=dir%2C1/a%3Ab%25.py,line=0,col=0,endLine=0,endColumn=0,title=AL1 (x%3Ay%2Cz)::m\n",
		},
		{
			name: "newline in path",
			f:    Finding{Path: "a\nb.py", Name: "io-error", Message: "m"},
			want: "::error file=a%0Ab.py,line=0,col=0,endLine=0,endColumn=0,title=io-error::m\n",
		},
	}
	for _, tt := range tests {
		if got := write(t, []Finding{tt.f}, Options{Format: "github"}); got != tt.want {
			t.Errorf("%s: got\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
}
