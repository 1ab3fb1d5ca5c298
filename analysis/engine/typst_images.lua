-- Alt text of images in the PDF, as real Quarto writes it (quarto-post/typst.lua): an image
-- with alt text (its description: pandoc's Markdown reader moves `{alt="..."}` there, or a
-- `fig-alt` attribute) becomes `#box(image("src", alt: "..."))`. Pandoc's own Typst writer
-- drops it inside a figure, and PDF/UA-1 refuses a figure without alt text.
-- Used by the built-in engine's PDF only (analysis/engine/pdf.py).
function Image(image)
  local alt = image.attributes["fig-alt"] or image.attributes["alt"]
  if alt == nil or alt == "" then
    alt = pandoc.utils.stringify(image.caption)
  end
  if alt == nil or alt == "" then
    return nil
  end
  local src = image.src:gsub("\\", "/")
  local escaped = alt:gsub("\\", "\\\\"):gsub('"', '\\"')
  return pandoc.RawInline("typst", '#box(image("' .. src .. '", alt: "' .. escaped .. '"))')
end
