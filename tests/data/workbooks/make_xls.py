"""Excel 97-2003 (.xls) fixtures for issue 16, written by xlwt 1.3.0 (pip install xlwt; it also
needs openpyxl and odfpy, through make_workbooks.rows()). Run from the repository root:

    python3 tests/data/workbooks/make_xls.py

The test suite reads the committed files and needs neither Python nor xlwt.

  tests/data/workbooks/alliance.xls   the two sheets of alliance.xlsx ("Svar", "Batch 2": i2 of
                       R0002 typed as the text "6", i3 of R0003 = 8, a blank sheet row 6, a
                       "submitted" date column formatted yyyy-mm-dd), and i4 of R0004 = 9, one
                       of the instrument's missing codes
  tests/data/bad/hostile_xls_dimensions.xls  alliance.xls whose first DIMENSIONS record
                       (0x0200) declares rows 0 to 2^32-1 (a reader that reserves the declared
                       range asks for 2^32 x 16 cells)
  tests/data/bad/hostile_xls_sst_count.xls   alliance.xls whose SST record (0x00FC) declares
                       2^32-1 strings, of which it holds a few
  tests/data/bad/hostile_xls_fat_len.xls     alliance.xls whose OLE2 header declares 2^32-1
                       FAT sectors (offset 44), in a file of a few KB
"""

import datetime
import os
import struct
import sys

import xlwt

HERE = os.path.dirname(os.path.abspath(__file__))
BAD = os.path.join(os.path.dirname(HERE), "bad")
sys.path.insert(0, HERE)
from make_workbooks import rows  # noqa: E402


def alliance(path):
    first, second = rows()
    first[4][5] = 9  # i4 of R0004: a missing code
    book = xlwt.Workbook(encoding="utf-8")
    date = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for name, table in (("Svar", first), ("Batch 2", second)):
        sheet = book.add_sheet(name)
        for r, values in enumerate(table):
            for c, v in enumerate(values or []):
                if isinstance(v, datetime.date):
                    sheet.write(r, c, v, date)
                else:
                    sheet.write(r, c, v)
    book.save(path)


def patched(source, path, record, patch):
    """Copies `source`, applying `patch(data, at)` at the first BIFF record of type `record`,
    found by walking the records of the Workbook stream, which xlwt writes contiguously from
    the first sector (offset 512)."""
    data = bytearray(open(source, "rb").read())
    at = 512
    assert struct.unpack_from("<H", data, at)[0] == 0x0809, "no BOF at offset 512"
    while at + 4 <= len(data):
        typ, length = struct.unpack_from("<HH", data, at)
        if typ == record:
            patch(data, at)
            open(path, "wb").write(data)
            return
        at += 4 + length
    raise SystemExit(f"no record {record:#06x} in {source}")


def main():
    source = os.path.join(HERE, "alliance.xls")
    alliance(source)
    # DIMENSIONS, BIFF8: type, length 14, first row u32, last row + 1 u32, first col, last col + 1
    patched(
        source,
        os.path.join(BAD, "hostile_xls_dimensions.xls"),
        0x0200,
        lambda d, at: struct.pack_into("<HHII", d, at, 0x0200, 14, 0, 0xFFFFFFFF),
    )
    # SST: type, length, total references u32, unique strings u32
    patched(
        source,
        os.path.join(BAD, "hostile_xls_sst_count.xls"),
        0x00FC,
        lambda d, at: struct.pack_into("<II", d, at + 4, 0xFFFFFFFF, 0xFFFFFFFF),
    )
    data = bytearray(open(source, "rb").read())
    struct.pack_into("<I", data, 44, 0xFFFFFFFF)
    open(os.path.join(BAD, "hostile_xls_fat_len.xls"), "wb").write(data)


if __name__ == "__main__":
    main()
