package engine

import "testing"

// TestScanRelevant checks which texts the byte scan sends to the parser:
// those that can hold async code or call an async library, and not those
// whose only such word is part of another, or of a comment or a string.
func TestScanRelevant(t *testing.T) {
	for _, tc := range []struct {
		src      string
		relevant bool
	}{
		{"async def f():\n    pass\n", true},
		{"import asyncio\n", true},
		{"import redis\n", true},
		{"client = redis.Redis()\n", true},
		{"from app import redis_client\n", true},
		{"x = 1  # redis\n", false},
		{"# runs in asyncio's event loop\nx = 1\n", false},
		{"'''Awaits a coroutine.'''\nx = 1\n", false},
		{"x = 'async' + \"await\"  # coroutine\n", false},
		{"x = f'{asyncio.run(main())}'\n", true},
		{"x = 'it''s'; asyncio.run(main())\n", true},
		{"x = '''a\nb'''; await y\n", true},
		{"x = 'open\nimport asyncio\n", true},
		{"# you can redistribute it and/or modify it\nx = 1\n", false},
		{"def redisplay():\n    pass\n", false},
		{"import os\n\nos.getcwd()\n", false},
		{"x = 1  # noqa: AL204\n", true},
		{"x = '\x00'\n", true},
	} {
		if got, _ := scan([]byte(tc.src)); got != tc.relevant {
			t.Errorf("scan(%q) relevant = %v, want %v", tc.src, got, tc.relevant)
		}
	}
}
