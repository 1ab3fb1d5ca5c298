-- The book's boxes and table notes in the PDF: a div with the class `reconstruction-notice` (the reading guide
-- «Slik leser du tallene» and the notice about reconstructed data, analysis/report/) is drawn
-- as a framed block, as assets/report.css draws it in the HTML. Pandoc's Typst writer drops a
-- div's classes, so without this the box would be plain paragraphs in the PDF. Run by both
-- engines (listed under `filters:` in _quarto.yml); other formats are left alone.
local OPEN = '#block(width: 100%, inset: (x: 10pt, y: 8pt), fill: rgb("#fff6e0"), '
  .. 'stroke: (left: 3pt + rgb("#e69f00")), breakable: true)['

function Div(el)
  if not FORMAT:match("typst") or not el.classes:includes("reconstruction-notice") then
    return nil
  end
  local blocks = { pandoc.RawBlock("typst", OPEN) }
  for _, block in ipairs(el.content) do
    table.insert(blocks, block)
  end
  table.insert(blocks, pandoc.RawBlock("typst", "]"))
  return blocks
end

-- A table's note row (its first cell alone filled, e.g. the mark of a reconstruction's choice
-- from analysis/report/tables.py) spans the whole width in the PDF: Typst sizes columns from
-- their content, and the note would otherwise squeeze the first column into a word per line.
local function note_row(row)
  local cells = row.cells
  if #cells < 2 or #pandoc.utils.stringify(cells[1].contents) < 30 then
    return false
  end
  for i = 2, #cells do
    if pandoc.utils.stringify(cells[i].contents) ~= "" then
      return false
    end
  end
  return true
end

function Table(tbl)
  if not FORMAT:match("typst") then
    return nil
  end
  for _, body in ipairs(tbl.bodies) do
    for _, row in ipairs(body.body) do
      if note_row(row) then
        local first = row.cells[1]
        first.col_span = #row.cells
        row.cells = { first }
      end
    end
  end
  return tbl
end
