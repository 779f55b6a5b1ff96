-- Run by editors/e2e_test.go in a headless Neovim (0.7 or later):
--
--   nvim --headless -u NONE -i NONE -n -c 'luafile attach.lua'
--
-- It reads the shipped editors/nvim/lsp/asyncls.lua, starts the client the
-- way Neovim 0.7 users must (vim.lsp.start_client + vim.lsp.buf_attach_client
-- from a FileType autocmd, using the table's cmd, filetypes and
-- root_markers), opens a Python file and waits for the client to attach and
-- for diagnostics. With ASYNCLS_SETUP set it runs that Lua file instead of
-- starting the client itself: the README's snippets are checked that way.
--
-- Environment: ASYNCLS_CONFIG (lsp/asyncls.lua), ASYNCLS_BIN (the server to
-- run in place of cmd[1]), ASYNCLS_SETUP (optional), ASYNCLS_FILE (the
-- Python file), ASYNCLS_RESULT (where the JSON result goes),
-- ASYNCLS_TIMEOUT_MS.

local result = { attached = false, diagnostics = {} }

local function getenv(name)
  local v = os.getenv(name)
  if v == nil or v == '' then
    error(name .. ' is not set')
  end
  return v
end

-- vim.lsp.get_clients is 0.10+; buf_get_clients (a map by id) is older.
local function buf_clients(bufnr)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = bufnr })
  end
  return vim.tbl_values(vim.lsp.buf_get_clients(bufnr))
end

-- The nearest directory holding one of the markers, as vim.fs.find({...},
-- {upward = true}) does on 0.8+ (vim.fs does not exist in 0.7).
local function find_root(file, markers)
  local dir = vim.fn.fnamemodify(file, ':p:h')
  while true do
    for _, marker in ipairs(markers) do
      if vim.loop.fs_stat(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      return nil
    end
    dir = parent
  end
end

local function start_like_0_7(config, bin)
  local cmd = vim.deepcopy(config.cmd)
  cmd[1] = bin
  local clients = {} -- root directory -> client id, one server per project
  vim.api.nvim_create_autocmd('FileType', {
    pattern = table.concat(config.filetypes, ','),
    callback = function(args)
      local file = vim.api.nvim_buf_get_name(args.buf)
      local root = find_root(file, config.root_markers) or vim.fn.fnamemodify(file, ':p:h')
      local id = clients[root]
      if id == nil or vim.lsp.get_client_by_id(id) == nil then
        id = vim.lsp.start_client({
          name = 'asyncls',
          cmd = cmd,
          root_dir = root,
          init_options = config.settings, -- 0.7 does not push settings at start-up
          settings = config.settings,
        })
        clients[root] = id
      end
      if id then
        vim.lsp.buf_attach_client(args.buf, id)
      end
    end,
  })
end

local function run()
  local config = dofile(getenv('ASYNCLS_CONFIG'))
  result.config = {
    cmd = config.cmd,
    filetypes = config.filetypes,
    root_markers = config.root_markers,
    settings_is_table = type(config.settings) == 'table' and type(config.settings.asynclint) == 'table',
  }
  local timeout = tonumber(os.getenv('ASYNCLS_TIMEOUT_MS') or '') or 20000

  vim.cmd('filetype on') -- -u NONE leaves filetype detection off
  local setup = os.getenv('ASYNCLS_SETUP')
  if setup ~= nil and setup ~= '' then
    dofile(setup)
  else
    start_like_0_7(config, getenv('ASYNCLS_BIN'))
  end

  vim.cmd('edit ' .. vim.fn.fnameescape(getenv('ASYNCLS_FILE')))
  local bufnr = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[bufnr].filetype

  result.attached = vim.wait(timeout, function()
    return #buf_clients(bufnr) > 0
  end, 50)
  for _, client in ipairs(buf_clients(bufnr)) do
    result.client_name = client.name
    result.root_dir = client.config.root_dir
  end
  vim.wait(timeout, function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 50)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local code = d.code
    if code == nil and d.user_data and d.user_data.lsp then
      code = d.user_data.lsp.code
    end
    table.insert(result.diagnostics, { lnum = d.lnum, message = d.message, source = d.source, code = code })
  end
end

local ok, err = pcall(run)
if not ok then
  result.error = tostring(err)
end
local out = os.getenv('ASYNCLS_RESULT') or 'asyncls-result.json'
vim.fn.writefile({ vim.fn.json_encode(result) }, out)
vim.cmd('qa!')
