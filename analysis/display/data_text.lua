-- Text from data (respondents' answers, option labels, formatted numbers) reaches the book as
-- an empty span carrying the text hex-encoded in an attribute:  []{.data-text hex="3c62..."}
-- (analysis/display/markup.py). This filter turns each such span into pandoc Str and Space
-- nodes, so the text is never read as Markdown: HTML, Typst, references, shortcodes and list
-- markers in it stay characters, and each writer escapes them for its format.
-- Quarto runs it from _quarto.yml (`filters:`); the built-in engine passes it to pandoc.

local function decode(hex)
  return (hex:gsub("%x%x", function(pair) return string.char(tonumber(pair, 16)) end))
end

-- Text as pandoc Str and Space nodes: nothing in it is read as Markdown.
local function text_inlines(text)
  local inlines = pandoc.List()
  for word in text:gmatch("%S+") do
    if #inlines > 0 then inlines:insert(pandoc.Space()) end
    inlines:insert(pandoc.Str(word))
  end
  return inlines
end

function Span(span)
  if not span.classes:includes("data-text") or span.attributes.hex == nil then
    return nil
  end
  return text_inlines(decode(span.attributes.hex))
end

-- A chapter's section about one question is a div  ::: {.question qid="q06"} ... :::  and the
-- chapter's setup cell displays a marker  []{.asked qids="q01 q02 ..." q06="<hex>"}
-- (analysis/report/not_asked.py): the questions the current wave asked, and for each question
-- an earlier wave asked but this one did not, the sentence (hex, as data text) to show instead
-- of its section: the div's heading is kept, the rest goes. Real Quarto runs this filter before
-- its cross-reference filters, so a table or figure left out is neither numbered nor a target.

local function is_marker(inline)
  return inline.t == "Span" and inline.classes:includes("asked")
end

local function take_markers(block)
  local kept, seen = pandoc.List(), false
  for _, inline in ipairs(block.content) do
    if is_marker(inline) then seen = true else kept:insert(inline) end
  end
  return kept, seen
end

-- Stops the render with a reason. Pandoc's `error` raises; inside Quarto, `error` only logs
-- (quarto-cli share/filters/common/log.lua), so the filter then ends pandoc itself rather than
-- go on with what it could not read.
local function stop(message)
  error(message)
  os.exit(1)
end

function Pandoc(doc)
  local asked, left_out, found = {}, {}, false
  local function read(block)
    local kept, seen = take_markers(block)
    if not seen then return nil end
    found = true
    block:walk({
      Span = function(span)
        if not is_marker(span) then return nil end
        for qid in (span.attributes.qids or ""):gmatch("%S+") do asked[qid] = true end
        for key, value in pairs(span.attributes) do
          if key ~= "qids" then left_out[key] = decode(value) end
        end
      end,
    })
    -- a paragraph of the marker alone goes: the page is as without the marker
    if #kept == 0 then return {} end
    block.content = kept
    return block
  end
  doc.blocks = doc.blocks:walk({Para = read, Plain = read})
  doc.blocks = doc.blocks:walk({
    Div = function(div)
      if not div.classes:includes("question") then return nil end
      local qid = div.attributes.qid
      if qid == nil then
        stop("a .question div needs a qid attribute, e.g. ::: {.question qid=\"q06\"}")
      end
      if not found then
        stop("the .question div of " .. qid .. " needs the chapter's marker: display " ..
             "report.asked_marker(bundle) from the chapter's setup cell (a chapter rendered " ..
             "without executing it, e.g. quarto render --no-execute, has no marker)")
      end
      if asked[qid] then return div.content end
      if left_out[qid] == nil then
        stop("the .question div names " .. qid .. ", which no wave of the bundle asked")
      end
      -- the heading stays (section numbers and @sec- references are the same every year)
      local kept = pandoc.List()
      if #div.content > 0 and div.content[1].t == "Header" then kept:insert(div.content[1]) end
      kept:insert(pandoc.Para(text_inlines(left_out[qid])))
      return kept
    end,
  })
  return doc
end
