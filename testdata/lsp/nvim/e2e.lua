-- Drives asyncls from Neovim's own LSP client (Neovim 0.7): waits for the
-- diagnostics of a Python file, applies the quick fix of the first one and
-- writes the buffer's text, or "FAIL: why", to $RESULT.
-- Run as: ASYNCLS=... PYFILE=... RESULT=... nvim --headless -u NONE -c 'luafile e2e.lua'
local function finish(text)
  local f = assert(io.open(os.getenv('RESULT'), 'w'))
  f:write(text)
  f:close()
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('PYFILE')))
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({
    name = 'asyncls',
    cmd = { os.getenv('ASYNCLS'), '--log-level', 'warn' },
    root_dir = vim.fn.fnamemodify(os.getenv('PYFILE'), ':h'),
    init_options = { asynclint = { debounceMs = 0 } },
  })
  vim.lsp.buf_attach_client(buf, id)
  if not vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 20) then
    return finish('FAIL: no diagnostics')
  end
  local d = vim.diagnostic.get(buf)[1]
  if d.user_data.lsp.code ~= 'AL201' or d.source ~= 'asynclint' then
    return finish('FAIL: diagnostic ' .. vim.inspect(d))
  end
  -- The actions of the diagnostic's line; Neovim keeps no LSP range.
  local results = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    range = { start = { line = d.lnum, character = 0 }, ['end'] = { line = d.lnum + 1, character = 0 } },
    context = { diagnostics = {} },
  }, 5000)
  for _, res in pairs(results or {}) do
    for _, action in ipairs(res.result or {}) do
      if action.title:find('asyncio.sleep', 1, true) then
        if not action.edit then -- Neovim declares that it resolves edits
          local resolved = vim.lsp.buf_request_sync(buf, 'codeAction/resolve', action, 5000)
          action = resolved[next(resolved)].result
        end
        vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
        return finish(table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n')
      end
    end
  end
  finish('FAIL: no quick fix in ' .. vim.inspect(results))
end)
if not ok then
  finish('FAIL: ' .. tostring(err))
end
