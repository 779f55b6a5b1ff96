import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { FIX_ALL_KIND, isFixAllKind, pickFixAll } from '../codeActions';

test('the fix-all kind is the one the server advertises', () => {
  assert.equal(FIX_ALL_KIND, 'source.fixAll.asynclint');
});

test('sub-kinds match, look-alikes and parents do not', () => {
  assert.equal(isFixAllKind('source.fixAll.asynclint'), true);
  assert.equal(isFixAllKind('source.fixAll.asynclint.safe'), true);
  assert.equal(isFixAllKind('source.fixAll.asynclintx'), false);
  assert.equal(isFixAllKind('source.fixAll'), false);
  assert.equal(isFixAllKind(undefined), false);
});

test('pickFixAll skips plain commands and other providers', () => {
  const ruff = { title: 'ruff', kind: { value: 'source.fixAll.ruff' } };
  const command = { title: 'cmd', command: 'x' };
  const ours = { title: 'ours', kind: { value: 'source.fixAll.asynclint' } };
  assert.equal(pickFixAll([command, ruff, ours]), ours);
  assert.equal(pickFixAll([ruff]), undefined);
  assert.equal(pickFixAll(undefined), undefined);
});
