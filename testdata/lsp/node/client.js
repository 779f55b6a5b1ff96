// Drives asyncls the way VS Code's language client does, with the same
// libraries: pushed diagnostics and quick fixes, then pulled diagnostics
// and lazily resolved code actions, then a Jupyter notebook's cells.
// Usage: node client.js ASYNCLS_BINARY
'use strict';

const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const path = require('node:path');
const os = require('node:os');
const {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidOpenNotebookDocumentNotification,
  DidChangeNotebookDocumentNotification,
  DidCloseNotebookDocumentNotification,
  PublishDiagnosticsNotification,
  DocumentDiagnosticRequest,
  CodeActionRequest,
  CodeActionResolveRequest,
  ShutdownRequest,
  ExitNotification,
} = require('vscode-languageserver-protocol/node');

const binary = process.argv[2];
const uri = 'file://' + path.join(os.tmpdir(), 'asyncls-node-e2e', 'app.py');
const text = [
  'import asyncio',
  'import time',
  '',
  'async def main():',
  '    s = "é🎉"; time.sleep(1)',
  '    return asyncio.get_event_loop()',
  '',
].join('\n');

// start spawns the server and initializes it with capabilities.
async function start(capabilities) {
  const proc = spawn(binary, ['--log-level', 'warn'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const published = [];
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => published.push(p));
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const init = await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities,
    initializationOptions: { asynclint: { debounceMs: 0 } },
  });
  await conn.sendNotification(InitializedNotification.type, {});
  await conn.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'python', version: 1, text },
  });
  return { conn, init, published, exited };
}

async function stop({ conn, exited }) {
  await conn.sendRequest(ShutdownRequest.type);
  await conn.sendNotification(ExitNotification.type);
  assert.equal(await exited, 0, 'exit status after shutdown');
  conn.dispose();
}

// offset converts a UTF-16 position, which JavaScript strings index by.
function offset(s, pos) {
  const lines = s.split('\n');
  let off = 0;
  for (let i = 0; i < pos.line; i++) off += lines[i].length + 1;
  return off + pos.character;
}

function apply(s, edit) {
  const edits = [...(edit.changes?.[uri] ?? [])];
  for (const dc of edit.documentChanges ?? []) edits.push(...dc.edits);
  edits.sort((a, b) => offset(s, b.range.start) - offset(s, a.range.start));
  for (const e of edits) s = s.slice(0, offset(s, e.range.start)) + e.newText + s.slice(offset(s, e.range.end));
  return s;
}

async function waitFor(what, cond) {
  for (let i = 0; i < 200; i++) {
    const v = cond();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('timed out waiting for ' + what);
}

const slept = text.replace('time.sleep(1)', 'await asyncio.sleep(1)');
const fixed = text.replace('get_event_loop', 'get_running_loop');

async function push() {
  const server = await start({
    textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } } },
  });
  assert.equal(server.init.capabilities.positionEncoding, 'utf-16');
  const report = await waitFor('pushed diagnostics', () => server.published.find((p) => p.uri === uri && p.version === 1));
  assert.equal(report.diagnostics.length, 2);
  const d = report.diagnostics[0];
  assert.equal(d.code, 'AL201');
  assert.equal(d.source, 'asynclint');
  assert.equal(d.severity, 2);
  assert.equal(d.codeDescription.href, 'https://asynclint.dev/rules/AL201');
  // After "é" (one UTF-16 unit) and "🎉" (two).
  assert.deepEqual(d.range, { start: { line: 4, character: 15 }, end: { line: 4, character: 28 } });

  const actions = await server.conn.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: d.range,
    context: { diagnostics: [d], only: ['quickfix'] },
  });
  const titles = actions.map((a) => a.title).sort();
  assert.deepEqual(titles, ['Disable AL201 for this line', 'Use `await asyncio.sleep(...)` (unsafe)']);
  const fix = actions.find((a) => a.title.startsWith('Use'));
  assert.equal(fix.isPreferred, undefined);
  assert.equal(apply(text, fix.edit), slept);
  await stop(server);
}

async function pull() {
  const server = await start({
    textDocument: {
      diagnostic: {},
      codeAction: {
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } },
        resolveSupport: { properties: ['edit'] },
        dataSupport: true,
      },
    },
  });
  assert.equal(server.init.capabilities.diagnosticProvider.identifier, 'asynclint');
  assert.equal(server.init.capabilities.codeActionProvider.resolveProvider, true);
  const report = await server.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
  assert.equal(report.kind, 'full');
  assert.deepEqual(report.items.map((d) => d.code), ['AL201', 'AL502']);
  const again = await server.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId: report.resultId });
  assert.equal(again.kind, 'unchanged');

  const actions = await server.conn.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll'] },
  });
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, 'source.fixAll.asynclint');
  assert.equal(actions[0].edit, undefined);
  const resolved = await server.conn.sendRequest(CodeActionResolveRequest.type, actions[0]);
  assert.equal(apply(text, resolved.edit), fixed);
  assert.equal(server.published.length, 0, 'diagnostics pushed to a client that pulls');
  await stop(server);
}

// notebook opens a notebook as VS Code sends one: a Markdown cell, a cell
// with a magic, and one that awaits at the top level and blocks.
async function notebook() {
  const server = await start({
    textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } } },
    notebookDocument: { synchronization: {} },
  });
  const sync = server.init.capabilities.notebookDocumentSync;
  assert.deepEqual(sync.notebookSelector, [{ notebook: 'jupyter-notebook', cells: [{ language: 'python' }] }]);
  const nb = 'file://' + path.join(os.tmpdir(), 'asyncls-node-e2e', 'nb.ipynb');
  const cell = (id) => 'vscode-notebook-cell:' + path.join(os.tmpdir(), 'asyncls-node-e2e', 'nb.ipynb') + '#' + id;
  const cells = [
    { kind: 1, document: cell('W0'), languageId: 'markdown', text: '    time.sleep(1)' },
    { kind: 2, document: cell('W1'), languageId: 'python', text: '%time x = 1\nimport time' },
    { kind: 2, document: cell('W2'), languageId: 'python', text: 'async def main():\n    time.sleep(1)\n\nawait main()' },
  ];
  await server.conn.sendNotification(DidOpenNotebookDocumentNotification.type, {
    notebookDocument: { uri: nb, notebookType: 'jupyter-notebook', version: 1, cells: cells.map(({ kind, document }) => ({ kind, document })) },
    cellTextDocuments: cells.map((c) => ({ uri: c.document, languageId: c.languageId, version: 1, text: c.text })),
  });
  const report = await waitFor('diagnostics of the cell', () => server.published.find((p) => p.uri === cell('W2') && p.version === 1));
  assert.deepEqual(report.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['AL201', 1, 4]]);
  const actions = await server.conn.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: cell('W2') },
    range: report.diagnostics[0].range,
    context: { diagnostics: report.diagnostics },
  });
  assert.deepEqual(actions.map((a) => a.title), ['Disable AL201 for this line']);
  assert.deepEqual(Object.keys(actions[0].edit.changes), [cell('W2')]);

  await server.conn.sendNotification(DidChangeNotebookDocumentNotification.type, {
    notebookDocument: { uri: nb, version: 2 },
    change: {
      cells: {
        textContent: [{
          document: { uri: cell('W2'), version: 2 },
          changes: [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 17 } }, text: 'pass' }],
        }],
      },
    },
  });
  const cleared = await waitFor('the cell cleared', () => server.published.find((p) => p.uri === cell('W2') && p.version === 2));
  assert.deepEqual(cleared.diagnostics, []);
  const added = { kind: 2, document: cell('W3'), languageId: 'python', text: 'async def nap():\n    time.sleep(2)' };
  await server.conn.sendNotification(DidChangeNotebookDocumentNotification.type, {
    notebookDocument: { uri: nb, version: 3 },
    change: {
      cells: {
        structure: {
          array: { start: 3, deleteCount: 0, cells: [{ kind: added.kind, document: added.document }] },
          didOpen: [{ uri: added.document, languageId: added.languageId, version: 1, text: added.text }],
        },
      },
    },
  });
  const inserted = await waitFor('the added cell', () => server.published.find((p) => p.uri === cell('W3') && p.version === 1));
  assert.deepEqual(inserted.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['AL201', 1, 4]]);
  cells.push(added);
  await server.conn.sendNotification(DidCloseNotebookDocumentNotification.type, {
    notebookDocument: { uri: nb },
    cellTextDocuments: cells.map((c) => ({ uri: c.document })),
  });
  await waitFor('the closed cells cleared', () => server.published.filter((p) => p.uri === cell('W1') && p.version === undefined).length);
  assert.equal(server.published.filter((p) => p.uri === cell('W0')).length, 0, 'diagnostics for a Markdown cell');
  await stop(server);
}

(async () => {
  await push();
  await pull();
  await notebook();
  console.log('ok');
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
