// Choosing the fix-all action among what the code action providers return.
// No `vscode` import: it works on the shapes of vscode.CodeAction and
// vscode.Command so it can be unit-tested.

/** The code action kind the server uses for "apply every safe fix". */
export const FIX_ALL_KIND = 'source.fixAll.asynclint';

/** True for our kind and its sub-kinds (source.fixAll.asynclint.x). */
export function isFixAllKind(kind: string | undefined): boolean {
  return kind === FIX_ALL_KIND || (kind ?? '').startsWith(`${FIX_ALL_KIND}.`);
}

interface ActionLike {
  kind?: { value: string };
}

/**
 * The first action of our kind. Plain Commands (no kind) and other
 * providers' actions are skipped: vscode.executeCodeActionProvider filters by
 * kind, but a provider may ignore the filter.
 */
export function pickFixAll<T>(actions: ReadonlyArray<T> | undefined): T | undefined {
  return (actions ?? []).find((a) => isFixAllKind((a as ActionLike).kind?.value));
}
