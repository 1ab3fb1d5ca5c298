-- Quarto's conditional content for the built-in engine: a div
--   ::: {.content-visible when-format="html"}   shown only in that format
--   ::: {.content-hidden when-format="html"}    left out of that format
-- (also unless-format=), as real Quarto does it. A format name matches pandoc's output
-- format by prefix ("html" matches html5); "pdf" matches typst and latex.
local function matches(name)
  if name == nil then return nil end
  if name == "pdf" then return FORMAT == "typst" or FORMAT:match("^latex") ~= nil end
  return FORMAT:sub(1, #name) == name
end

function Div(el)
  local visible = el.classes:includes("content-visible")
  local hidden = el.classes:includes("content-hidden")
  if not visible and not hidden then return nil end
  local when, unless = matches(el.attributes["when-format"]), matches(el.attributes["unless-format"])
  local show
  if visible then
    show = (when == nil or when) and (unless == nil or not unless)
  else
    show = not ((when == nil or when) and (unless == nil or not unless))
  end
  if show then return el.content end
  return {}
end
