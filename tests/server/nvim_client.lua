-- Neovim's own LSP client against `notelint server` (driven by tests/server/test_neovim.py).
-- Opens the notes file, waits for diagnostics, writes them to RESULT, applies the preferred quick
-- fix of the first fixable diagnostic and saves the file.
local python, root, file, result = _G.arg_python, _G.arg_root, _G.arg_file, _G.arg_result
local client_id = vim.lsp.start_client({
  name = "notelint",
  cmd = { python, "-m", "notelint", "server" },
  root_dir = root,
  init_options = { debounce = 0 },
})
vim.cmd("edit " .. file)
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, client_id)
local out = io.open(result, "w")
local ok = vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
if not ok then
  out:write("no diagnostics\n")
  out:close()
  vim.cmd("qall!")
end
for _, d in ipairs(vim.diagnostic.get(buf)) do
  out:write(string.format("diagnostic %s %d %d\n", d.code or d.user_data.lsp.code, d.lnum + 1, d.col + 1))
end
local target
for _, d in ipairs(vim.diagnostic.get(buf)) do
  if (d.code or "") == "NL203" then target = d end
end
local params = {
  textDocument = vim.lsp.util.make_text_document_params(buf),
  range = {
    start = { line = target.lnum, character = target.col },
    ["end"] = { line = target.end_lnum, character = target.end_col },
  },
  context = { diagnostics = {} },
}
local answers = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 10000)
for _, answer in pairs(answers or {}) do
  if answer.error then out:write("error " .. vim.inspect(answer.error) .. "\n") end
  for _, action in ipairs(answer.result or {}) do
    if action.isPreferred and action.edit then
      vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
      out:write("applied " .. action.title .. "\n")
      break
    end
  end
end
vim.cmd("write")
out:close()
vim.lsp.stop_client(client_id)
vim.wait(2000, function() return vim.lsp.client_is_stopped(client_id) end, 50)
vim.cmd("qall!")
