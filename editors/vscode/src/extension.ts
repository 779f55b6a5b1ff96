// The VS Code side of asynclint: starts asyncls for Python files and notebooks
// and wires up the commands. Decisions worth testing live in binary.ts,
// settings.ts and codeActions.ts; this file only glues them to the VS Code API.
import * as os from 'node:os';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ResponseError,
  ServerOptions,
} from 'vscode-languageclient/node';
import { isExecutableFile, resolutionError, resolveServer } from './binary';
import { FIX_ALL_KIND, pickFixAll } from './codeActions';
import {
  RESTART_KEYS,
  SECTION,
  Settings,
  answerConfiguration,
  initializationOptions,
  readSettings,
  serverCommand,
  serverSettings,
} from './settings';

let output: vscode.OutputChannel;
let client: LanguageClient | undefined;
// Start, stop and restart run one at a time: a settings change arriving
// while the server starts must not leave two servers running.
let queue: Promise<void> = Promise.resolve();

function serialized(task: () => Promise<void>): Promise<void> {
  queue = queue.then(task, task);
  return queue;
}

export function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('asynclint');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('asynclint.restart', () => serialized(() => restart(context))),
    vscode.commands.registerCommand('asynclint.fixAll', fixAll),
    vscode.commands.registerCommand('asynclint.showOutput', () => output.show()),
    vscode.workspace.onDidChangeConfiguration((e) => onConfigurationChange(e, context)),
  );
  return serialized(() => start(context));
}

export function deactivate(): Promise<void> {
  return serialized(stop);
}

function settingsFor(scope?: vscode.Uri): Settings {
  return readSettings(vscode.workspace.getConfiguration(SECTION, scope));
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const settings = settingsFor();
  const res = resolveServer({
    configuredPath: settings.path,
    extensionPath: context.extensionPath,
    platform: process.platform,
    env: process.env,
    homeDir: os.homedir(),
    workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    isExecutable: (f) => isExecutableFile(f),
  });
  if (res.kind !== 'found') {
    const message = resolutionError(res, process.platform);
    output.appendLine(message);
    if (res.kind === 'not-found') {
      output.appendLine(`Looked for: ${res.searched.join(', ')}`);
    }
    void vscode.window.showErrorMessage(message, 'Open Settings').then((choice) => {
      if (choice === 'Open Settings') {
        void vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.path`);
      }
    });
    return;
  }
  output.appendLine(`Starting ${res.path} (from ${res.source})`);

  const serverOptions: ServerOptions = serverCommand(res.path, settings);
  const clientOptions: LanguageClientOptions = {
    // Python files, and the Python cells of Jupyter notebooks, which the
    // client syncs as notebooks to a server that asks for them.
    documentSelector: [
      { scheme: 'file', language: 'python' },
      { notebook: 'jupyter-notebook', language: 'python' },
    ],
    initializationOptions: initializationOptions(settings),
    outputChannel: output,
    traceOutputChannel: output,
    middleware: {
      workspace: {
        // The default answer is the raw settings object; the server gets the
        // same mapped view as in initializationOptions instead.
        configuration: async (params, token, next) => {
          const defaults = await next(params, token);
          if (defaults instanceof ResponseError) {
            return defaults;
          }
          return answerConfiguration(params.items, defaults, (uri) =>
            settingsFor(uri === undefined ? undefined : vscode.Uri.parse(uri)),
          );
        },
      },
    },
  };
  // The id "asynclint" makes the client honour asynclint.trace.server itself.
  const c = new LanguageClient(SECTION, 'asynclint', serverOptions, clientOptions);
  try {
    await c.start();
    client = c;
  } catch (err) {
    output.appendLine(`asyncls failed to start: ${String(err)}`);
    void c.dispose().catch(() => undefined);
    void vscode.window.showErrorMessage('asynclint: the asyncls server failed to start.', 'Show Output').then((choice) => {
      if (choice === 'Show Output') {
        output.show();
      }
    });
  }
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  // dispose, not just stop: it also drops the client's registrations. The
  // output channel is ours, so it survives for the next server.
  try {
    await c?.dispose();
  } catch (err) {
    output.appendLine(`Stopping asyncls: ${String(err)}`);
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  await stop();
  await start(context);
}

function onConfigurationChange(e: vscode.ConfigurationChangeEvent, context: vscode.ExtensionContext): void {
  if (!e.affectsConfiguration(SECTION)) {
    return;
  }
  if (RESTART_KEYS.some((key) => e.affectsConfiguration(key))) {
    void serialized(() => restart(context));
    return;
  }
  // A push for servers that read the notification's settings, and the
  // trigger for servers that pull them again with workspace/configuration.
  if (client?.isRunning()) {
    void client.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { [SECTION]: serverSettings(settingsFor()) },
    });
  }
}

async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined || editor.document.languageId !== 'python') {
    void vscode.window.showInformationMessage('asynclint: open a Python file to fix it.');
    return;
  }
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage('asynclint: the server is not running.', 'Show Output').then((choice) => {
      if (choice === 'Show Output') {
        output.show();
      }
    });
    return;
  }
  const doc = editor.document;
  const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
  // The last argument resolves one action, for servers that fill in the
  // edit lazily with codeAction/resolve.
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    doc.uri,
    whole,
    FIX_ALL_KIND,
    1,
  );
  const action = pickFixAll(actions) as vscode.CodeAction | undefined;
  if (action === undefined) {
    void vscode.window.showInformationMessage('asynclint: nothing to fix.');
    return;
  }
  if (action.edit !== undefined) {
    await vscode.workspace.applyEdit(action.edit);
  }
  if (action.command !== undefined) {
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  }
}
