// Checks a platform-specific .vsix, named by $ASYNCLINT_VSIX (scripts/release.sh
// builds them): it holds the asyncls server, the extension's search finds
// that bundled binary first, and the binary answers an LSP session with the
// extension's version. Needs `unzip`, which keeps the execute bit.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { isExecutableFile, resolveServer } from '../binary';

const vsix = process.env.ASYNCLINT_VSIX;

test('the .vsix bundles asyncls, and the extension starts it', { skip: vsix === undefined && 'set ASYNCLINT_VSIX to a .vsix to check' }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asynclint-vsix-'));
  try {
    const unzip = spawnSync('unzip', ['-q', path.resolve(vsix as string), '-d', dir], { encoding: 'utf8' });
    assert.equal(unzip.status, 0, `unzip ${vsix}: ${unzip.error ?? unzip.stderr}`);
    const ext = path.join(dir, 'extension');
    const manifest = JSON.parse(fs.readFileSync(path.join(ext, 'package.json'), 'utf8'));

    const res = resolveServer({
      configuredPath: '',
      extensionPath: ext,
      platform: process.platform,
      env: { PATH: '' },
      homeDir: os.homedir(),
      isExecutable: (f) => isExecutableFile(f),
    });
    assert.deepEqual(res, { kind: 'found', path: path.join(ext, 'bin', 'asyncls'), source: 'bundled' });

    const answers = await lspSession(res.kind === 'found' ? res.path : '', dir);
    assert.deepEqual(answers.initialize.serverInfo, { name: 'asyncls', version: manifest.version });
    assert.equal(answers.shutdown, null);
    assert.equal(answers.exitCode, 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

interface Answers {
  initialize: { serverInfo?: { name: string; version?: string } };
  shutdown: unknown;
  exitCode: number | null;
}

/** Runs initialize, initialized, shutdown and exit against the server. */
function lspSession(server: string, root: string): Promise<Answers> {
  return new Promise((resolve, reject) => {
    const child = spawn(server, [], { stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('asyncls did not finish the session within 20 s'));
    }, 20_000);
    const results = new Map<number, unknown>();
    let buffer = Buffer.alloc(0);
    const send = (msg: object) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }));
      child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
      child.stdin.write(body);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n');
        const length = /Content-Length: *(\d+)/i.exec(buffer.subarray(0, end).toString());
        if (end < 0 || length === null || buffer.length < end + 4 + Number(length[1])) {
          return;
        }
        const msg = JSON.parse(buffer.subarray(end + 4, end + 4 + Number(length[1])).toString());
        buffer = buffer.subarray(end + 4 + Number(length[1]));
        if (msg.id === 1 && 'result' in msg) {
          results.set(1, msg.result);
          send({ method: 'initialized', params: {} });
          send({ id: 2, method: 'shutdown' });
        } else if (msg.id === 2 && 'result' in msg) {
          results.set(2, msg.result);
          send({ method: 'exit' });
        } else if ('error' in msg) {
          reject(new Error(`asyncls answered ${JSON.stringify(msg)}`));
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!results.has(2)) {
        reject(new Error(`asyncls exited (${code}) before answering shutdown`));
        return;
      }
      resolve({ initialize: results.get(1) as Answers['initialize'], shutdown: results.get(2), exitCode: code });
    });
    send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: `file://${root}`, capabilities: {} } });
  });
}
