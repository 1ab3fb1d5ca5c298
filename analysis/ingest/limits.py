"""Limits the export reader enforces, so that a damaged or hostile file is refused quickly and
with little memory instead of exhausting the machine.

Each limit sits far above what a survey export needs; its comment says how far. They are
module constants so that tests and the benchmark can name them.
"""

#: Total uncompressed size of the parts of a workbook, and the largest CSV file read. A Forms
#: export of 100,000 responses x 22 questions in the least compact layout (inline strings,
#: ``bench/read_bench.py``) unpacks to 190 MiB; the bundled NorCRIN waves unpack to under
#: 1 MiB. Checked from the zip directory before any part is decompressed: python-calamine stops
#: reading a part at its declared size, so the directory cannot understate it.
MAX_UNPACKED_BYTES = 256 * 2**20

#: Characters in one cell: Excel's own limit, so no file Excel wrote or can open exceeds it.
MAX_CELL_CHARS = 32_767

#: Cells of a sheet's used range (rows x columns, empty cells included). python-calamine
#: allocates the used range densely (32 bytes a cell) and aborts the process when that fails,
#: so one stray value in cell XFD1048576 would end the program instead of raising. 20 million
#: cells (about 0.6 GiB) is 100,000 responses x 200 columns.
MAX_SHEET_CELLS = 20_000_000

#: The largest response ID: IDs are stored as int64.
MAX_ID = 2**63 - 1
