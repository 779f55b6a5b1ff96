// Finding the asyncls executable. This module has no `vscode` import: the
// extension passes in the file system check and the environment, so the
// search order is unit-tested on any platform.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where the executable was found, for the log line and for tests. */
export type Source = 'setting' | 'bundled' | 'path';

export type Resolution =
  | { kind: 'found'; path: string; source: Source }
  /** asynclint.path is set but names no executable file. */
  | { kind: 'bad-setting'; configured: string; path: string }
  /** Nothing set, nothing bundled, nothing on PATH. */
  | { kind: 'not-found'; searched: string[] };

export interface ResolveInput {
  /** The asynclint.path setting; empty when unset. */
  configuredPath: string;
  /** The extension's install directory, which may hold bin/asyncls. */
  extensionPath: string;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homeDir: string;
  /** First workspace folder: relative settings and ${workspaceFolder} use it. */
  workspaceFolder?: string;
  isExecutable(file: string): boolean;
}

/** The server's file name on a platform. */
export function executableName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'asyncls.exe' : 'asyncls';
}

function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/**
 * Looks for the server in the order users expect: the asynclint.path
 * setting when it is set, else the binary shipped inside the
 * platform-specific .vsix, else PATH. The bundled binary is what the
 * extension was tested with, so it goes before whatever PATH holds; but a
 * path the user typed is a deliberate choice, such as a development build,
 * and wins over both.
 *
 * A setting that names no executable is an error rather than a reason to
 * fall back: silently running a different binary than the one configured
 * would hide the mistake.
 */
export function resolveServer(input: ResolveInput): Resolution {
  const p = pathFor(input.platform);
  if (input.configuredPath.trim() !== '') {
    const file = expandConfiguredPath(input);
    return input.isExecutable(file)
      ? { kind: 'found', path: file, source: 'setting' }
      : { kind: 'bad-setting', configured: input.configuredPath, path: file };
  }
  const name = executableName(input.platform);
  const bundled = p.join(input.extensionPath, 'bin', name);
  if (input.isExecutable(bundled)) {
    return { kind: 'found', path: bundled, source: 'bundled' };
  }
  const searched = [bundled];
  for (const dir of pathDirs(input.env, input.platform)) {
    const file = p.join(dir, name);
    if (input.isExecutable(file)) {
      return { kind: 'found', path: file, source: 'path' };
    }
    searched.push(file);
  }
  return { kind: 'not-found', searched };
}

/** Expands ~, ${userHome} and ${workspaceFolder}; VS Code does not do it for settings. */
export function expandConfiguredPath(input: ResolveInput): string {
  const p = pathFor(input.platform);
  let file = input.configuredPath.trim();
  if (file === '~' || file.startsWith('~/') || file.startsWith('~\\')) {
    file = input.homeDir + file.slice(1);
  }
  file = file.replace(/\$\{userHome\}/g, input.homeDir);
  if (input.workspaceFolder !== undefined) {
    file = file.replace(/\$\{workspaceFolder\}/g, input.workspaceFolder);
    if (!p.isAbsolute(file)) {
      file = p.join(input.workspaceFolder, file);
    }
  }
  return p.normalize(file);
}

/** The PATH entries; Windows spells the variable in any case (usually "Path"). */
export function pathDirs(env: Record<string, string | undefined>, platform: NodeJS.Platform): string[] {
  let value = env.PATH;
  if (platform === 'win32') {
    const key = Object.keys(env).find((k) => k.toUpperCase() === 'PATH');
    value = key === undefined ? undefined : env[key];
  }
  const p = pathFor(platform);
  // Empty and relative entries mean the current directory to a shell; a
  // language server must not be picked up from wherever VS Code was started.
  return (value ?? '').split(p.delimiter).filter((d) => d !== '' && p.isAbsolute(d));
}

/** The user-facing explanation of a failed resolution. */
export function resolutionError(res: Exclude<Resolution, { kind: 'found' }>, platform: NodeJS.Platform): string {
  if (res.kind === 'bad-setting') {
    return `asynclint: the asynclint.path setting is "${res.configured}", but ${res.path} is not an executable file.`;
  }
  return (
    `asynclint: cannot find the ${executableName(platform)} language server. ` +
    'This build of the extension does not include it: install it with "pipx install asynclint" ' +
    '(or "pip install asynclint" in the environment VS Code runs in) so that it is on PATH, or set asynclint.path.'
  );
}

/** The real file system check: an existing regular file we may execute. */
export function isExecutableFile(file: string, platform: NodeJS.Platform = process.platform): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    // Windows has no execute bit: a file with the right name is runnable.
    if (platform !== 'win32') {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}
