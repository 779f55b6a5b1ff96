// The extension's settings and what the server is told about them. No
// `vscode` import: a vscode.WorkspaceConfiguration satisfies ConfigReader,
// and tests pass a plain object.

/** The section the server reads, in initializationOptions and workspace/configuration. */
export const SECTION = 'asynclint';

/** Reads one key of the "asynclint" section (vscode.WorkspaceConfiguration fits). */
export interface ConfigReader {
  get(key: string): unknown;
}

/** The settings the extension contributes, validated. */
export interface Settings {
  path: string;
  args: string[];
  select: string[];
  extendSelect: string[];
  ignore: string[];
  /** "" when pyproject.toml decides. */
  targetVersion: string;
  /** null when pyproject.toml decides. */
  allowTopLevelAwait: boolean | null;
  fixAll: boolean;
  debounceMs: number;
  /** "" for the server's default. */
  ruleDocsURL: string;
}

/** What the server receives under "asynclint" (see cmd/asyncls). */
export interface ServerSettings {
  select?: string[];
  extendSelect?: string[];
  ignore?: string[];
  targetVersion?: string;
  allowTopLevelAwait?: boolean;
  fixAll: boolean;
  debounceMs: number;
  ruleDocsURL?: string;
}

/** The server's quiet time after an edit when nothing is set. */
export const DEFAULT_DEBOUNCE_MS = 50;

/**
 * Reads the settings, tolerating hand-edited settings.json with wrong types:
 * a bad value falls back to the default instead of reaching the server.
 */
export function readSettings(cfg: ConfigReader): Settings {
  const fixAll = cfg.get('fixAll');
  const allowTopLevelAwait = cfg.get('allowTopLevelAwait');
  const debounceMs = cfg.get('debounceMs');
  return {
    path: text(cfg.get('path')),
    args: stringList(cfg.get('args'), false),
    select: stringList(cfg.get('select'), true),
    extendSelect: stringList(cfg.get('extendSelect'), true),
    ignore: stringList(cfg.get('ignore'), true),
    targetVersion: text(cfg.get('targetVersion')).trim(),
    allowTopLevelAwait: typeof allowTopLevelAwait === 'boolean' ? allowTopLevelAwait : null,
    fixAll: typeof fixAll === 'boolean' ? fixAll : true,
    debounceMs:
      Number.isInteger(debounceMs) && (debounceMs as number) >= 0 && (debounceMs as number) <= 10_000
        ? (debounceMs as number)
        : DEFAULT_DEBOUNCE_MS,
    ruleDocsURL: text(cfg.get('ruleDocsURL')).trim(),
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function stringList(value: unknown, trim: boolean): string[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value
    .filter((v): v is string => typeof v === 'string')
    .map((v) => (trim ? v.trim() : v))
    .filter((v) => v !== '');
}

/**
 * Maps the settings to the server's. An empty list, an empty string and a
 * null are left out rather than sent: VS Code cannot tell "never set" from
 * "set to nothing", and "select nothing" would silently turn every rule off
 * instead of deferring to pyproject.toml.
 */
export function serverSettings(s: Settings): ServerSettings {
  const out: ServerSettings = { fixAll: s.fixAll, debounceMs: s.debounceMs };
  if (s.select.length > 0) {
    out.select = s.select;
  }
  if (s.extendSelect.length > 0) {
    out.extendSelect = s.extendSelect;
  }
  if (s.ignore.length > 0) {
    out.ignore = s.ignore;
  }
  if (s.targetVersion !== '') {
    out.targetVersion = s.targetVersion;
  }
  if (s.allowTopLevelAwait !== null) {
    out.allowTopLevelAwait = s.allowTopLevelAwait;
  }
  if (s.ruleDocsURL !== '') {
    out.ruleDocsURL = s.ruleDocsURL;
  }
  return out;
}

/** The initialize request's initializationOptions. */
export function initializationOptions(s: Settings): { [SECTION]: ServerSettings } {
  return { [SECTION]: serverSettings(s) };
}

/** The server executable and its arguments. */
export function serverCommand(executable: string, s: Settings): { command: string; args: string[] } {
  return { command: executable, args: [...s.args] };
}

/** Keys whose change needs a new server process rather than a notification. */
export const RESTART_KEYS = ['path', 'args'].map((k) => `${SECTION}.${k}`);

/**
 * Answers a workspace/configuration request: items in our section get the
 * mapped settings for their scope, every other item keeps the default answer
 * (so the mapping never leaks path/args, and other sections still work).
 */
export function answerConfiguration(
  items: ReadonlyArray<{ section?: string; scopeUri?: string }>,
  defaults: ReadonlyArray<unknown>,
  settingsFor: (scopeUri: string | undefined) => Settings,
): unknown[] {
  return items.map((item, i) => {
    const section = item.section ?? '';
    if (section === SECTION) {
      return serverSettings(settingsFor(item.scopeUri));
    }
    if (section.startsWith(`${SECTION}.`)) {
      const key = section.slice(SECTION.length + 1);
      const mapped = serverSettings(settingsFor(item.scopeUri)) as unknown as Record<string, unknown>;
      return mapped[key] ?? null;
    }
    return defaults[i] ?? null;
  });
}
