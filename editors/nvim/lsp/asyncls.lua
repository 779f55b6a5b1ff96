-- asyncls, the asynclint language server, for Neovim 0.11+.
--
-- With editors/nvim on the runtimepath (or this file copied to
-- ~/.config/nvim/lsp/asyncls.lua), enable it with:
--
--   vim.lsp.enable('asyncls')
--
-- and change settings with vim.lsp.config('asyncls', { settings = ... }).

---@type vim.lsp.Config
return {
  cmd = { 'asyncls' },
  filetypes = { 'python' },
  root_markers = { 'pyproject.toml', 'setup.cfg', '.git' },
  -- The server reads the "asynclint" section: select, ignore, extendSelect
  -- (lists of rule codes), targetVersion ('py311'), allowTopLevelAwait,
  -- fixAll, debounceMs. vim.empty_dict() and not {}: an empty Lua table is
  -- sent as a JSON array, which is not the object the server expects.
  settings = {
    asynclint = vim.empty_dict(),
  },
}
