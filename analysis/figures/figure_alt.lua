-- A figure's alt text, computed from its data (analysis/figures/described.py), arrives beside
-- the figure's image as a marker printed to the cell's stdout:  []{.figure-alt hex="..."}
-- (hex-encoded, so it is never read as markup; a stream, not a second display output, so
-- real Quarto keeps one figure rather than making subfigures). This filter sets the text as
-- the image's `fig-alt` under real Quarto (which writes it as the HTML alt and the Typst image alt) and as `alt` otherwise (the
-- built-in engine: pandoc's HTML writer, and typst_images.lua for its PDF), and removes the
-- marker. Quarto runs it from _quarto.yml (`filters:`, `at: pre-ast`: before it
-- turns the cell into a figure); the built-in engine passes it to pandoc likewise.

local function decode(hex)
  return (hex:gsub("%x%x", function(pair) return string.char(tonumber(pair, 16)) end))
end

-- The alt text when `block` holds nothing but a marker (as printed output in a code block,
-- as a span, or either inside a Div of output).
local function marker_text(block)
  if block.t == "CodeBlock" then
    local hex = block.text:match('^%s*%[%]{%.figure%-alt hex="(%x+)"}%s*$')
    return hex and decode(hex) or nil
  end
  if block.t == "Para" or block.t == "Plain" then
    local text = nil
    for _, inline in ipairs(block.content) do
      if inline.t == "Span" and inline.classes:includes("figure-alt") then
        if text ~= nil then return nil end
        text = decode(inline.attributes.hex or "")
      elseif inline.t ~= "Space" and inline.t ~= "SoftBreak" then
        return nil
      end
    end
    return text
  end
  if block.t == "Div" and #block.content == 1 then
    return marker_text(block.content[1])
  end
  return nil
end

-- Set `alt` on every image in `block`; true when there was one.
local function describe(block, alt)
  local found = false
  local described = pandoc.walk_block(block, {
    Image = function(image)
      found = true
      if quarto ~= nil then
        image.attributes["fig-alt"] = alt  -- Quarto: the img alt (HTML) and image alt (Typst)
      else
        image.attributes["alt"] = alt  -- pandoc's writers; typst_images.lua for the PDF
      end
      return image
    end,
  })
  return found, described
end

function Blocks(blocks)
  local list = pandoc.List(blocks)
  local drop, changed = {}, false
  for i, block in ipairs(list) do
    local alt = marker_text(block)
    if alt ~= nil then
      -- the image is in the block just before the marker or just after it
      for _, j in ipairs({i - 1, i + 1}) do
        local neighbour = list[j]
        if neighbour ~= nil and not drop[j] and marker_text(neighbour) == nil then
          local found, described = describe(neighbour, alt)
          if found then
            list[j], drop[i], changed = described, true, true
            break
          end
        end
      end
    end
  end
  if not changed then return nil end
  local out = pandoc.List()
  for i, block in ipairs(list) do
    if not drop[i] then out:insert(block) end
  end
  return out
end
