import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigReader, answerConfiguration, initializationOptions, readSettings, serverCommand, serverSettings } from '../settings';

function config(values: Record<string, unknown>): ConfigReader {
  return { get: (key) => values[key] };
}

const defaults = { path: '', args: [], select: [], ignore: [], fixAll: true };

test('defaults when nothing is set', () => {
  assert.deepEqual(readSettings(config({})), defaults);
});

test('wrong types from a hand-edited settings.json fall back to defaults', () => {
  const s = readSettings(config({ path: 3, args: 'x', select: ['AL2', 7, ' AL1 ', ''], ignore: null, fixAll: 'yes' }));
  assert.deepEqual(s, { ...defaults, select: ['AL2', 'AL1'] });
});

test('args keep their spaces: they go to the process verbatim', () => {
  assert.deepEqual(readSettings(config({ args: ['--log-file', ' /tmp/a b.log'] })).args, ['--log-file', ' /tmp/a b.log']);
});

test('empty lists are left out so pyproject.toml decides', () => {
  assert.deepEqual(serverSettings(defaults), { fixAll: true });
  assert.deepEqual(serverSettings({ ...defaults, select: ['AL2'], ignore: ['AL201'], fixAll: false }), {
    select: ['AL2'],
    ignore: ['AL201'],
    fixAll: false,
  });
});

test('initializationOptions carry the settings under "asynclint" and never path or args', () => {
  const opts = initializationOptions({ ...defaults, path: '/x', args: ['-v'], select: ['AL1'] });
  assert.deepEqual(opts, { asynclint: { select: ['AL1'], fixAll: true } });
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
  assert.deepEqual(answer, [{ select: ['AL2'], fixAll: true }, { fixAll: true }, { python: 1 }, ['AL2'], null]);
});
