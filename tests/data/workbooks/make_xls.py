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

  tests/data/workbooks/features.xls   what the BIFF8 reader must decode, and its twin
  tests/data/workbooks/features.xlsx  features.xlsx (openpyxl) with the same values: a first
                       sheet "Om" of notes; a second sheet "Svar" of 300 respondents (id, a
                       submitted date, a submitted date-time, a 130-character note that is
                       different in every row and has a non-Latin-1 letter in every third
                       row, so the shared-string table runs over many CONTINUE records,
                       i1..i12 as integers (RK/MULRK), a weight of 0.01 steps (RK x 100), a
                       ratio r/8 (NUMBER when r is odd: 12.5 r fits no RK), a TRUE/FALSE flag (BOOLERR) and a sum
                       formula (FORMULA), whose cached result xlwt leaves empty and this
                       script sets to the sum, as Excel would)
  tests/data/bad/hostile_xls_fat_loop.xls       alliance.xls whose FAT makes the Workbook
                       stream's chain loop (sector 1 -> sector 0)
  tests/data/bad/hostile_xls_sector_past_eof.xls alliance.xls whose FAT sends the Workbook
                       stream to sector 16,777,200, far past the end of the file
  tests/data/bad/hostile_xls_stream_size.xls    alliance.xls whose directory declares the
                       Workbook stream 4,294,967,280 bytes long
  tests/data/bad/hostile_xls_sst_continue_cut.xls features.xls whose shared-string table
                       loses its last CONTINUE record (retyped 0x0868, an unknown record)
  tests/data/bad/hostile_xls_boundsheet.xls     alliance.xls whose first BOUNDSHEET record
                       puts the sheet at byte 2,147,483,632 of the stream
  tests/data/bad/hostile_xls_truncated.xls      alliance.xls cut after its first 3,000 bytes
  tests/data/bad/hostile_xls_filepass.xls       alliance.xls with a FILEPASS record (the
                       INTERFACEHDR record retyped 0x002F): an encrypted workbook
"""

import datetime
import os
import struct
import sys

import openpyxl
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


def features_rows(n=300):
    """The "Svar" sheet of features.xls/.xlsx: a header and n rows, and the sum of each
    row's items (the formula's cached result)."""
    header = ["id", "submitted", "stamp", "note"] + [f"i{k}" for k in range(1, 13)]
    header += ["weight", "ratio", "flag", "sum"]
    table, sums = [header], []
    for r in range(n):
        items = [1 + (r + k * (r % 5 + 1)) % 7 for k in range(12)]
        letter = "\u0141" if r % 3 == 0 else "e"  # L with stroke: not in Latin-1
        note = f"note {r:03d} {letter} " + "".join(chr(97 + (r + k) % 26) for k in range(120))
        table.append(
            [f"S{r + 1:04d}", datetime.date(2026, 1, 1) + datetime.timedelta(days=r),
             datetime.datetime(2026, 1, 1, 8, 30, 15) + datetime.timedelta(days=r), note]
            + items + [round(0.25 + r / 100, 2), r / 8, r % 2 == 0]
        )
        sums.append(sum(items))
    return table, sums


def features_xls(path, n=300):
    table, sums = features_rows(n)
    book = xlwt.Workbook(encoding="utf-8")
    intro = book.add_sheet("Om")
    intro.write(0, 0, "Survey export for the xls reader tests")
    intro.write(1, 0, "Written by xlwt")
    sheet = book.add_sheet("Svar")
    day = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    stamp = xlwt.easyxf(num_format_str="yyyy-mm-dd hh:mm:ss")
    for r, values in enumerate(table):
        for c, v in enumerate(values):
            if isinstance(v, datetime.datetime):
                sheet.write(r, c, v, stamp)
            elif isinstance(v, datetime.date):
                sheet.write(r, c, v, day)
            else:
                sheet.write(r, c, v)
        if r > 0:
            sheet.write(r, len(values), xlwt.Formula(f"SUM(E{r + 1}:P{r + 1})"))
    book.save(path)
    # The cached results of the formulas (FORMULA, 0x0006: row u16, column u16, XF u16,
    # result f64), which Excel writes and xlwt leaves as an empty string.
    data = bytearray(open(path, "rb").read())
    for typ, at in records(data):
        if typ == 0x0006:
            row = struct.unpack_from("<H", data, at + 4)[0]
            struct.pack_into("<d", data, at + 10, float(sums[row - 1]))
    open(path, "wb").write(data)


def features_xlsx(path):
    table, sums = features_rows()
    book = openpyxl.Workbook()
    intro = book.active
    intro.title = "Om"
    intro.append(["Survey export for the xls reader tests"])
    intro.append(["Written by xlwt"])
    sheet = book.create_sheet("Svar")
    for r, values in enumerate(table):
        sheet.append(values + ([sums[r - 1]] if r > 0 else []))
        if r > 0:
            sheet.cell(r + 1, 2).number_format = "yyyy-mm-dd"
            sheet.cell(r + 1, 3).number_format = "yyyy-mm-dd hh:mm:ss"
    book.save(path)


def records(data):
    """(type, offset) of every BIFF record of the Workbook stream, which xlwt writes
    contiguously from the first sector (offset 512) up to the last EOF."""
    at = 512
    assert struct.unpack_from("<H", data, at)[0] == 0x0809, "no BOF at offset 512"
    out = []
    while at + 4 <= len(data):
        typ, length = struct.unpack_from("<HH", data, at)
        if typ == 0 and length == 0:
            break
        out.append((typ, at))
        at += 4 + length
    return out


def directory_entry(data, name):
    """Offset of the directory entry called `name` (the directory of an xlwt file lies in
    one 512-byte sector, whose id is at header offset 48)."""
    first = struct.unpack_from("<I", data, 48)[0]
    base = 512 * (first + 1)
    wanted = name.encode("utf-16-le")
    for k in range(4):
        at = base + 128 * k
        if data[at:at + len(wanted)] == wanted:
            return at
    raise SystemExit(f"no directory entry {name}")


def fat_offset(data):
    """Offset of the first FAT sector (the header's first DIFAT entry, at offset 76)."""
    return 512 * (struct.unpack_from("<I", data, 76)[0] + 1)


def write_patched(source, name, patch):
    data = bytearray(open(source, "rb").read())
    data = patch(data) or data
    open(os.path.join(BAD, name), "wb").write(data)


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

    features = os.path.join(HERE, "features.xls")
    features_xls(features)
    features_xlsx(os.path.join(HERE, "features.xlsx"))
    # FAT entries are u32s; the Workbook stream starts at sector 0 (xlwt).
    write_patched(source, "hostile_xls_fat_loop.xls",
                  lambda d: struct.pack_into("<I", d, fat_offset(d) + 4, 0))
    write_patched(source, "hostile_xls_sector_past_eof.xls",
                  lambda d: struct.pack_into("<I", d, fat_offset(d) + 8, 0x00FFFFF0))
    # A directory entry's stream size is the u64 at offset 120.
    write_patched(source, "hostile_xls_stream_size.xls",
                  lambda d: struct.pack_into("<Q", d, directory_entry(d, "Workbook") + 120, 0xFFFFFFF0))

    def cut_sst(d):
        kinds = records(d)
        k = next(i for i, (typ, _) in enumerate(kinds) if typ == 0x00FC)
        last = k
        while kinds[last + 1][0] == 0x003C:
            last += 1
        assert last > k + 1, "the SST of features.xls has several CONTINUE records"
        struct.pack_into("<H", d, kinds[last][1], 0x0868)

    write_patched(features, "hostile_xls_sst_continue_cut.xls", cut_sst)

    def far_sheet(d):
        at = next(at for typ, at in records(d) if typ == 0x0085)
        struct.pack_into("<I", d, at + 4, 0x7FFFFFF0)

    write_patched(source, "hostile_xls_boundsheet.xls", far_sheet)
    write_patched(source, "hostile_xls_truncated.xls", lambda d: d[:3000])

    def filepass(d):
        at = next(at for typ, at in records(d) if typ == 0x00E1)
        struct.pack_into("<H", d, at, 0x002F)

    write_patched(source, "hostile_xls_filepass.xls", filepass)


if __name__ == "__main__":
    main()
