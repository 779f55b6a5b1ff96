import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ConfigReader, answerConfiguration, initializationOptions, readSettings, serverCommand, serverSettings } from '../settings';

function config(values: Record<string, unknown>): ConfigReader {
  return { get: (key) => values[key] };
}

const defaults = {
  path: '',
  args: [],
  select: [],
  extendSelect: [],
  ignore: [],
  targetVersion: '',
  allowTopLevelAwait: null,
  fixAll: true,
  debounceMs: 50,
  ruleDocsURL: '',
};

test('defaults when nothing is set', () => {
  assert.deepEqual(readSettings(config({})), defaults);
});

test('wrong types from a hand-edited settings.json fall back to defaults', () => {
  const s = readSettings(
    config({
      path: 3,
      args: 'x',
      select: ['AL2', 7, ' AL1 ', ''],
      extendSelect: 'AL4',
      ignore: null,
      targetVersion: 311,
      allowTopLevelAwait: 'no',
      fixAll: 'yes',
      debounceMs: -5,
      ruleDocsURL: false,
    }),
  );
  assert.deepEqual(s, { ...defaults, select: ['AL2', 'AL1'] });
  assert.equal(readSettings(config({ debounceMs: 2.5 })).debounceMs, 50);
  assert.equal(readSettings(config({ debounceMs: 10_001 })).debounceMs, 50);
});

test('args keep their spaces: they go to the process verbatim', () => {
  assert.deepEqual(readSettings(config({ args: ['--log-file', ' /tmp/a b.log'] })).args, ['--log-file', ' /tmp/a b.log']);
});

test('unset values are left out so pyproject.toml decides', () => {
  assert.deepEqual(serverSettings(defaults), { fixAll: true, debounceMs: 50 });
  assert.deepEqual(
    serverSettings({
      ...defaults,
      select: ['AL2'],
      extendSelect: ['AL404'],
      ignore: ['AL201'],
      targetVersion: 'py311',
      allowTopLevelAwait: false,
      fixAll: false,
      debounceMs: 200,
      ruleDocsURL: 'https://docs.example/rules/',
    }),
    {
      select: ['AL2'],
      extendSelect: ['AL404'],
      ignore: ['AL201'],
      targetVersion: 'py311',
      allowTopLevelAwait: false,
      fixAll: false,
      debounceMs: 200,
      ruleDocsURL: 'https://docs.example/rules/',
    },
  );
});

test('every server setting is contributed, and every contributed setting reaches the server or the process', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
  const contributed = Object.keys(manifest.contributes.configuration.properties)
    .map((k) => k.replace(/^asynclint\./, ''))
    .filter((k) => k !== 'trace.server') // read by vscode-languageclient itself
    .sort();
  // The settings cmd/asyncls/main.go documents, plus the executable and its arguments.
  const server = ['select', 'extendSelect', 'ignore', 'targetVersion', 'allowTopLevelAwait', 'fixAll', 'debounceMs', 'ruleDocsURL'];
  assert.deepEqual(contributed, [...server, 'path', 'args'].sort());
  assert.deepEqual(Object.keys(readSettings(config({}))).sort(), contributed);
});

test('initializationOptions carry the settings under "asynclint" and never path or args', () => {
  const opts = initializationOptions({ ...defaults, path: '/x', args: ['-v'], select: ['AL1'] });
  assert.deepEqual(opts, { asynclint: { select: ['AL1'], fixAll: true, debounceMs: 50 } });
});

test('the server command is the executable plus asynclint.args', () => {
  assert.deepEqual(serverCommand('/bin/asyncls', { ...defaults, args: ['--stdio'] }), { command: '/bin/asyncls', args: ['--stdio'] });
});

test('workspace/configuration: our section is mapped per scope, others keep the default', () => {
  const scoped = (uri: string | undefined) => ({ ...defaults, select: uri === 'file:///a' ? ['AL2'] : [] });
  const answer = answerConfiguration(
    [{ section: 'asynclint', scopeUri: 'file:///a' }, { section: 'asynclint' }, { section: 'python' }, { section: 'asynclint.select', scopeUri: 'file:///a' }, { section: 'asynclint.ignore' }],
    [{ raw: true }, { raw: true }, { python: 1 }, ['raw'], ['raw']],
    scoped,
  );
  assert.deepEqual(answer, [{ select: ['AL2'], fixAll: true, debounceMs: 50 }, { fixAll: true, debounceMs: 50 }, { python: 1 }, ['AL2'], null]);
});
