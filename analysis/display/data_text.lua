-- Text from data (respondents' answers, option labels, formatted numbers) reaches the book as
-- an empty span carrying the text hex-encoded in an attribute:  []{.data-text hex="3c62..."}
-- (analysis/display/markup.py). This filter turns each such span into pandoc Str and Space
-- nodes, so the text is never read as Markdown: HTML, Typst, references, shortcodes and list
-- markers in it stay characters, and each writer escapes them for its format.
-- Quarto runs it from _quarto.yml (`filters:`); the built-in engine passes it to pandoc.

local function decode(hex)
  return (hex:gsub("%x%x", function(pair) return string.char(tonumber(pair, 16)) end))
end

function Span(span)
  if not span.classes:includes("data-text") or span.attributes.hex == nil then
    return nil
  end
  local text = decode(span.attributes.hex)
  local inlines = pandoc.List()
  for word in text:gmatch("%S+") do
    if #inlines > 0 then inlines:insert(pandoc.Space()) end
    inlines:insert(pandoc.Str(word))
  end
  return inlines
end
