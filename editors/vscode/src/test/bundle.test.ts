// Loads the esbuild bundle the .vsix ships, outside node_modules, against a
// stand-in `vscode` module: proves the bundle is self-contained, registers
// the commands package.json contributes, and explains a missing server.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.join(__dirname, '..', '..');

interface Recorded {
  commands: string[];
  errors: { message: string; items: string[] }[];
  log: string[];
}

// The stand-in answers what activate() touches; any other property is a
// do-nothing class, which is enough for the bundled client library to load.
const stub = `
const rec = { commands: [], errors: [], log: [], settings: {} };
const disposable = { dispose() {} };
const api = {
  __rec: rec,
  window: {
    createOutputChannel: () => ({ appendLine: (l) => rec.log.push(l), show() {}, dispose() {} }),
    showErrorMessage: (message, ...items) => { rec.errors.push({ message, items }); return Promise.resolve(undefined); },
    showInformationMessage: () => Promise.resolve(undefined),
  },
  commands: {
    registerCommand: (name) => { rec.commands.push(name); return disposable; },
    executeCommand: () => Promise.resolve(undefined),
  },
  workspace: {
    workspaceFolders: undefined,
    getConfiguration: () => ({ get: (key) => rec.settings[key] }),
    onDidChangeConfiguration: () => disposable,
  },
};
module.exports = new Proxy(api, {
  get: (target, key) => (key in target ? target[key] : class {}),
});
`;

test('the bundle loads without node_modules and activates without a server', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asynclint-vsix-'));
  const savedPath = process.env.PATH;
  try {
    fs.mkdirSync(path.join(dir, 'dist'));
    fs.mkdirSync(path.join(dir, 'node_modules', 'vscode'), { recursive: true });
    fs.copyFileSync(path.join(root, 'dist', 'extension.js'), path.join(dir, 'dist', 'extension.js'));
    fs.writeFileSync(path.join(dir, 'node_modules', 'vscode', 'index.js'), stub);

    const ext = require(path.join(dir, 'dist', 'extension.js'));
    const rec: Recorded & { settings: Record<string, unknown> } = require(path.join(dir, 'node_modules', 'vscode')).__rec;
    assert.equal(typeof ext.activate, 'function');
    assert.equal(typeof ext.deactivate, 'function');

    // No setting, nothing bundled, an empty PATH: the user gets told how to fix it.
    process.env.PATH = '';
    await ext.activate({ subscriptions: [], extensionPath: dir });
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual([...rec.commands].sort(), contributed);
    assert.equal(rec.errors.length, 1);
    assert.match(rec.errors[0].message, /cannot find the asyncls language server/);
    assert.deepEqual(rec.errors[0].items, ['Open Settings']);
    await ext.deactivate();
  } finally {
    process.env.PATH = savedPath;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
