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

-- Tables in the PDF. A table's note row (its first cell alone filled, e.g. the mark of a reconstruction's choice
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
  -- Columns as wide as their content (Typst's auto columns), not the relative widths pandoc
  -- takes from the dashes of a long Markdown table (they squeezed "+20" and "< 0,001" together).
  for i, spec in ipairs(tbl.colspecs) do
    tbl.colspecs[i] = { spec[1], pandoc.ColWidthDefault }
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

-- A long list of short items (the quoted answers under each theme) is set in two columns in
-- the PDF: a third of the length, and every item still whole. Split by count into the two
-- cells of a grid (Typst's columns would fill the first column to the foot of the page).
local SHORT_ITEM, MIN_ITEMS = 90, 6

function BulletList(list)
  if not FORMAT:match("typst") or #list.content < MIN_ITEMS then
    return nil
  end
  for _, item in ipairs(list.content) do
    if #pandoc.utils.stringify(item) > SHORT_ITEM then
      return nil
    end
  end
  local half = math.ceil(#list.content / 2)
  local left, right = pandoc.List(), pandoc.List()
  for i, item in ipairs(list.content) do
    (i <= half and left or right):insert(item)
  end
  return {
    pandoc.RawBlock("typst", "#grid(columns: (1fr, 1fr), column-gutter: 1.2em, ["),
    pandoc.BulletList(left),
    pandoc.RawBlock("typst", "], ["),
    pandoc.BulletList(right),
    pandoc.RawBlock("typst", "])"),
  }
end
