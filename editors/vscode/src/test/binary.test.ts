import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { ResolveInput, expandConfiguredPath, isExecutableFile, pathDirs, resolveServer, resolutionError } from '../binary';

// A fake file system: only the listed files exist and are executable.
function input(over: Partial<ResolveInput> & { files?: string[] } = {}): ResolveInput {
  const files = new Set(over.files ?? []);
  return {
    configuredPath: '',
    extensionPath: '/ext',
    platform: 'linux',
    env: { PATH: '/usr/local/bin:/usr/bin' },
    homeDir: '/home/u',
    isExecutable: (f) => files.has(f),
    ...over,
  };
}

test('the setting wins over the bundled binary and PATH', () => {
  const res = resolveServer(input({ configuredPath: '/opt/asyncls', files: ['/opt/asyncls', '/ext/bin/asyncls', '/usr/bin/asyncls'] }));
  assert.deepEqual(res, { kind: 'found', path: '/opt/asyncls', source: 'setting' });
});

test('a setting naming no executable is an error, not a fallback', () => {
  const res = resolveServer(input({ configuredPath: '/opt/missing', files: ['/ext/bin/asyncls'] }));
  assert.deepEqual(res, { kind: 'bad-setting', configured: '/opt/missing', path: '/opt/missing' });
  assert.match(resolutionError(res as Exclude<typeof res, { kind: 'found' }>, 'linux'), /asynclint\.path.*\/opt\/missing/);
});

test('a blank setting counts as unset', () => {
  const res = resolveServer(input({ configuredPath: '   ', files: ['/usr/bin/asyncls'] }));
  assert.deepEqual(res, { kind: 'found', path: '/usr/bin/asyncls', source: 'path' });
});

test('the bundled binary wins over PATH', () => {
  const res = resolveServer(input({ files: ['/ext/bin/asyncls', '/usr/bin/asyncls'] }));
  assert.deepEqual(res, { kind: 'found', path: '/ext/bin/asyncls', source: 'bundled' });
});

test('PATH is searched in order', () => {
  const res = resolveServer(input({ files: ['/usr/local/bin/asyncls', '/usr/bin/asyncls'] }));
  assert.deepEqual(res, { kind: 'found', path: '/usr/local/bin/asyncls', source: 'path' });
});

test('nothing found lists where it looked and how to fix it', () => {
  const res = resolveServer(input());
  assert.deepEqual(res, { kind: 'not-found', searched: ['/ext/bin/asyncls', '/usr/local/bin/asyncls', '/usr/bin/asyncls'] });
  const msg = resolutionError(res as Exclude<typeof res, { kind: 'found' }>, 'linux');
  assert.match(msg, /pipx install asynclint/);
  assert.match(msg, /asynclint\.path/);
});

test('Windows: asyncls.exe, a Path variable in any case, ; separators', () => {
  const res = resolveServer(
    input({
      platform: 'win32',
      extensionPath: 'C:\\ext',
      env: { Path: 'C:\\Go\\bin;C:\\tools' },
      files: ['C:\\tools\\asyncls.exe'],
    }),
  );
  assert.deepEqual(res, { kind: 'found', path: 'C:\\tools\\asyncls.exe', source: 'path' });
  assert.deepEqual(
    resolveServer(input({ platform: 'win32', extensionPath: 'C:\\ext', env: {}, files: ['C:\\ext\\bin\\asyncls.exe'] })),
    { kind: 'found', path: 'C:\\ext\\bin\\asyncls.exe', source: 'bundled' },
  );
});

test('empty and relative PATH entries are never searched', () => {
  assert.deepEqual(pathDirs({ PATH: ':bin:/usr/bin::.' }, 'linux'), ['/usr/bin']);
  assert.deepEqual(pathDirs({}, 'linux'), []);
});

test('the setting expands ~, ${userHome}, ${workspaceFolder} and relative paths', () => {
  const at = (configuredPath: string, workspaceFolder?: string) =>
    expandConfiguredPath(input({ configuredPath, workspaceFolder }));
  assert.equal(at('~/go/bin/asyncls'), '/home/u/go/bin/asyncls');
  assert.equal(at('${userHome}/go/bin/asyncls'), '/home/u/go/bin/asyncls');
  assert.equal(at('${workspaceFolder}/.venv/bin/asyncls', '/proj'), '/proj/.venv/bin/asyncls');
  assert.equal(at('.venv/bin/asyncls', '/proj'), '/proj/.venv/bin/asyncls');
  assert.equal(at('/abs/asyncls', '/proj'), '/abs/asyncls');
});

test('isExecutableFile needs a regular file with the execute bit', { skip: process.platform === 'win32' }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asynclint-bin-'));
  try {
    const exe = path.join(dir, 'asyncls');
    const plain = path.join(dir, 'plain');
    fs.writeFileSync(exe, '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(plain, '', { mode: 0o644 });
    assert.equal(isExecutableFile(exe), true);
    assert.equal(isExecutableFile(plain), false);
    assert.equal(isExecutableFile(dir), false);
    assert.equal(isExecutableFile(path.join(dir, 'missing')), false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
