package fix

import (
	"testing"

	"github.com/asynclint/asynclint/analysis/semantic"
)

func TestImportModulePlacesAsIsort(t *testing.T) {
	for _, c := range []struct {
		name, module, src, want string
	}{
		{"alphabetical among plain imports", "asyncio",
			"import os\nimport time\n\nx = 1\n",
			"import asyncio\nimport os\nimport time\n\nx = 1\n"},
		{"after the plain imports, before from imports", "time",
			"import asyncio\nfrom typing import Any\n\nx = 1\n",
			"import asyncio\nimport time\nfrom typing import Any\n\nx = 1\n"},
		{"case ignored", "trio",
			"import attrs\nimport Zope\n",
			"import attrs\nimport trio\nimport Zope\n"},
		{"a section of its own before third-party imports", "asyncio",
			"import requests\n\n\ndef f(): ...\n",
			"import asyncio\n\nimport requests\n\n\ndef f(): ...\n"},
		{"at the end of its section", "trio",
			"import os\n\nimport attrs\nfrom attrs import define\n\nfrom . import util\n",
			"import os\n\nimport attrs\nimport trio\nfrom attrs import define\n\nfrom . import util\n"},
		{"a third-party section after the standard library", "trio",
			"import os\n\nfrom . import util\n",
			"import os\n\nimport trio\n\nfrom . import util\n"},
		{"after the last import", "trio",
			"import os\n\n\ndef f(): ...\n",
			"import os\n\nimport trio\n\n\ndef f(): ...\n"},
		{"after __future__ and the docstring", "asyncio",
			"#!/usr/bin/env python3\n\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\n\nimport os\n",
			"#!/usr/bin/env python3\n\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\n\nimport asyncio\nimport os\n"},
		{"a comment above an import stays with it", "asyncio",
			"# the clock\nimport time\n",
			"import asyncio\n# the clock\nimport time\n"},
		{"no imports: two blank lines before a def", "asyncio",
			"\"\"\"Doc.\"\"\"\n\ndef f(): ...\n",
			"\"\"\"Doc.\"\"\"\nimport asyncio\n\n\ndef f(): ...\n"},
		{"no imports: one blank line before other code", "asyncio",
			"x = 1\n",
			"import asyncio\n\nx = 1\n"},
		{"below a shebang", "asyncio",
			"#!/usr/bin/env python3\nimport time\n",
			"#!/usr/bin/env python3\nimport asyncio\nimport time\n"},
		{"below a coding declaration", "asyncio",
			"# coding: latin-1\nimport time\n",
			"# coding: latin-1\nimport asyncio\nimport time\n"},
		{"below a coding declaration on line 2", "asyncio",
			"\n# -*- coding: cp1252 -*-\n# the clock\nimport time\n",
			"\n# -*- coding: cp1252 -*-\nimport asyncio\n# the clock\nimport time\n"},
		{"no imports: below a coding declaration on line 2", "asyncio",
			"\n# coding: latin-1\nx = 1\n",
			"\n# coding: latin-1\nimport asyncio\n\nx = 1\n"},
		{"empty file", "asyncio", "", "import asyncio\n"},
		{"no final newline", "asyncio", "import os", "import asyncio\nimport os"},
		{"after imports without a final newline", "trio", "import os", "import os\n\nimport trio\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tree := parse(t, c.src)
			f := semantic.Build(tree)
			defer f.Release()
			name, edit, ok := ImportModule(f, 0, c.module)
			if !ok || name != c.module || edit == nil {
				t.Fatalf("ImportModule(%q) = %q, %v, %v", c.module, name, edit, ok)
			}
			if got := applied(t, tree, *edit); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

func TestUnusedImports(t *testing.T) {
	for _, c := range []struct {
		name, before, after, want string
	}{
		{"the last use gone",
			"import asyncio\nimport time\n\nasync def f():\n    time.sleep(1)\n",
			"import asyncio\nimport time\n\nasync def f():\n    await asyncio.sleep(1)\n",
			"import asyncio\n\nasync def f():\n    await asyncio.sleep(1)\n"},
		{"a from import, and the blank line that set it apart",
			"from time import sleep\n\nimport trio\n\nasync def f():\n    sleep(1)\n",
			"from time import sleep\n\nimport trio\n\nasync def f():\n    await trio.sleep(1)\n",
			"import trio\n\nasync def f():\n    await trio.sleep(1)\n"},
		{"in a function",
			"async def f():\n    import time\n\n    time.sleep(1)\n",
			"async def f():\n    import time\n\n    await g()\n",
			"async def f():\n    await g()\n"},
		{"still used",
			"import time\n\nasync def f():\n    time.sleep(1)\n    return time.time()\n",
			"import time\n\nasync def f():\n    await g()\n    return time.time()\n", ""},
		{"unused before", "import time\nimport os\nos.sep\n", "import time\nimport os\n", "import time\n"},
		{"in __all__",
			"from time import sleep\n__all__ = ['sleep']\nsleep(1)\n",
			"from time import sleep\n__all__ = ['sleep']\n", ""},
		{"in a string annotation",
			"import time\ntime.sleep(1)\ndef f() -> 'time.struct_time': ...\n",
			"import time\ndef f() -> 'time.struct_time': ...\n", ""},
		{"a module __getattr__",
			"import time\ntime.sleep(1)\ndef __getattr__(name): ...\n",
			"import time\ndef __getattr__(name): ...\n", ""},
		{"globals()", "import time\ntime.sleep(1)\nglobals()\n", "import time\nglobals()\n", ""},
		{"several names", "from time import sleep, time\nsleep(time())\n", "from time import sleep, time\ntime()\n", ""},
		{"another binding of the name",
			"import time\ntime.sleep(1)\ndef f(time): ...\n",
			"import time\ndef f(time): ...\n", ""},
		{"the only statement of its block",
			"try:\n    import time\nexcept ImportError:\n    pass\ntime.sleep(1)\n",
			"try:\n    import time\nexcept ImportError:\n    pass\n", ""},
		{"a comment on its line", "import time  # clock\ntime.sleep(1)\n", "import time  # clock\n", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			before, after := semantic.Build(parse(t, c.before)), semantic.Build(parse(t, c.after))
			defer before.Release()
			defer after.Release()
			edits := UnusedImports(before, after)
			got := ""
			if len(edits) > 0 {
				got = applied(t, after.Tree, edits...)
			}
			if got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}
