#!/usr/bin/env python3
"""Drives a language server through a short session and checks its answers:
initialize (its serverInfo must name the expected version), a document with
a blocking call opened (AL201 must be published for it), shutdown and exit
(the server must then end with status 0).

    lsp-session.py VERSION SERVER [ARG...]
"""

import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time

TIMEOUT = 30  # seconds for the whole session

BLOCKING = "import time\n\n\nasync def handler():\n    time.sleep(1)\n"


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    version, server = sys.argv[1], sys.argv[2:]
    with tempfile.TemporaryDirectory() as root:
        path = os.path.join(root, "app.py")
        with open(path, "w") as f:
            f.write(BLOCKING)
        uri = "file://" + path
        proc = subprocess.Popen(server, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        messages = queue.Queue()
        threading.Thread(target=read_messages, args=(proc.stdout, messages), daemon=True).start()
        deadline = time.monotonic() + TIMEOUT
        try:
            send(proc, id=1, method="initialize", params={
                "processId": os.getpid(), "rootUri": "file://" + root, "capabilities": {},
            })
            info = expect(messages, deadline, lambda m: m.get("id") == 1)["result"].get("serverInfo")
            check(info == {"name": "asyncls", "version": version},
                  "serverInfo is %r, want asyncls %s" % (info, version))
            send(proc, method="initialized", params={})
            send(proc, method="textDocument/didOpen", params={"textDocument": {
                "uri": uri, "languageId": "python", "version": 1, "text": BLOCKING,
            }})
            diagnostics = expect(messages, deadline, lambda m: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri and m["params"]["diagnostics"]
            ))["params"]["diagnostics"]
            codes = [d.get("code") for d in diagnostics]
            check("AL201" in codes, "diagnostics for app.py have codes %r, want AL201" % codes)
            send(proc, id=2, method="shutdown")
            expect(messages, deadline, lambda m: m.get("id") == 2)
            send(proc, method="exit")
            status = proc.wait(max(deadline - time.monotonic(), 0.1))
            check(status == 0, "the server exited with status %d after exit, want 0" % status)
        finally:
            if proc.poll() is None:
                proc.kill()
    print("%s: initialize, diagnostics, shutdown and exit as expected" % " ".join(server))


def send(proc, **message):
    body = json.dumps(dict(jsonrpc="2.0", **message)).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
    proc.stdin.flush()


def read_messages(stream, messages):
    while True:
        length = None
        while True:
            line = stream.readline()
            if not line:
                messages.put(None)
                return
            line = line.strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        messages.put(json.loads(stream.read(length)))


def expect(messages, deadline, matches):
    """Returns the first message that matches, skipping the others."""
    while True:
        try:
            message = messages.get(timeout=max(deadline - time.monotonic(), 0))
        except queue.Empty:
            sys.exit("lsp-session: no answer within %d s" % TIMEOUT)
        if message is None:
            sys.exit("lsp-session: the server closed its output")
        if "error" in message:
            sys.exit("lsp-session: the server answered an error: %s" % json.dumps(message))
        if matches(message):
            return message


def check(ok, problem):
    if not ok:
        sys.exit("lsp-session: " + problem)


if __name__ == "__main__":
    main()
