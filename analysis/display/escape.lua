-- Escaping server for analysis.display.escape, run as `pandoc lua escape.lua`.
--
-- Reads one JSON request per line on stdin and writes one JSON string per line on stdout:
-- the pandoc Markdown that pandoc's own writer produces for the request, so that reading it
-- back gives exactly the text that was sent (every character literal, nothing interpreted).
--   {"inline": "text"}                              -> Markdown of one paragraph of text
--   {"table": {"header": [...], "rows": [[...]], "align": ["l"|"r"|"c"|"d", ...],
--              "widths": [0.3, ...]}}                 -> a pipe table of plain-text cells
-- Text is split on white space into Str and Space nodes; no character of it reaches the
-- output except through the writer, which escapes what Markdown would read as markup.

local json = pandoc.json

local function inlines(text)
  local out = pandoc.List()
  for word in text:gmatch("%S+") do
    if #out > 0 then out:insert(pandoc.Space()) end
    out:insert(pandoc.Str(word))
  end
  return out
end

local WRITER = "markdown-simple_tables-multiline_tables-grid_tables"
local OPTIONS = {wrap_text = "none", columns = 100}

local function write(blocks)
  return pandoc.write(pandoc.Pandoc(blocks), WRITER, OPTIONS)
end

local ALIGN = {l = pandoc.AlignLeft, r = pandoc.AlignRight, c = pandoc.AlignCenter,
               d = pandoc.AlignDefault}

local function cell(text)
  return pandoc.Cell({pandoc.Plain(inlines(text))})
end

local function table_markdown(spec)
  local specs = pandoc.List()
  for i, a in ipairs(spec.align) do
    specs:insert({ALIGN[a] or pandoc.AlignDefault, spec.widths and spec.widths[i] or 0})
  end
  local head = pandoc.TableHead({pandoc.Row(pandoc.List(spec.header):map(cell))})
  local rows = pandoc.List(spec.rows):map(function(r)
    return pandoc.Row(pandoc.List(r):map(cell))
  end)
  local body = {attr = pandoc.Attr(), body = rows, head = {}, row_head_columns = 0}
  return write({pandoc.Table({long = {}}, specs, head, {body}, pandoc.TableFoot())})
end

for line in io.lines() do
  local ok, result = pcall(function()
    local request = json.decode(line)
    if request.inline ~= nil then
      return write({pandoc.Plain(inlines(request.inline))})
    end
    return table_markdown(request.table)
  end)
  if ok then
    io.write(json.encode({markdown = result}), "\n")
  else
    io.write(json.encode({error = tostring(result)}), "\n")
  end
  io.flush()
end
