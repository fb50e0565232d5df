#!/usr/bin/env python3
"""Writes the hostile XLSX work files of tests/data/bad (issue 10, point 2).

Each is a minimal, otherwise valid translator's sheet for open-alliance-12 (header
id, source:en, target:nb) broken in one way:

  hostile_shared_string.xlsx   cell B2 refers to shared string 99 of a 3-string table
  hostile_far_cell.xlsx        one value at XFD1048576 (and a dimension claiming A1:XFD1048576)
  hostile_wide_sheet.xlsx      2,100 rows with a value in column AMJ: over 2,000,000 cells
  hostile_zip_bomb.xlsx        a sheet that unpacks to 256 MiB from about 250 KB
  hostile_zip_bomb_lying.xlsx  a sheet that unpacks to 128 MiB, its headers claiming 1,000 bytes

Run from the repository root: python3 tests/data/bad/make_hostile_workbooks.py
The output is deterministic (fixed timestamps), so rerunning changes no committed byte.
"""

import os
import struct
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
STAMP = (2026, 11, 25, 0, 0, 0)

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""

WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="translation" sheetId="1" r:id="rId1"/></sheets>
</workbook>"""

WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""

SHARED = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
<si><t>id</t></si><si><t>source:en</t></si><si><t>target:nb</t></si>
</sst>"""

SHEET_HEAD = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<dimension ref="{dimension}"/>
<sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>
"""

SHEET_TAIL = "</sheetData>\n</worksheet>"


def inline(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def write(name, sheet_parts, dimension="A1:C2"):
    path = os.path.join(HERE, name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for part, text in [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", ROOT_RELS),
            ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
            ("xl/sharedStrings.xml", SHARED),
        ]:
            z.writestr(zipfile.ZipInfo(part, STAMP), text)
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", STAMP)
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as f:
            f.write(SHEET_HEAD.format(dimension=dimension).encode())
            for part in sheet_parts:
                f.write(part.encode())
            f.write(SHEET_TAIL.encode())
    print(f"{name}: {os.path.getsize(path)} bytes")


def lie_about_size(name, real, claimed):
    """Overwrites the uncompressed size of the entry of `real` bytes in its local header and
    central directory record with `claimed`."""
    path = os.path.join(HERE, name)
    data = bytearray(open(path, "rb").read())
    patched = 0
    for signature, offset in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)]:
        at = data.find(signature)
        while at >= 0:
            if struct.unpack_from("<I", data, at + offset)[0] == real:
                struct.pack_into("<I", data, at + offset, claimed)
                patched += 1
            at = data.find(signature, at + 4)
    assert patched == 2, patched
    open(path, "wb").write(data)


def main():
    write(
        "hostile_shared_string.xlsx",
        ['<row r="2">' + inline("A2", "i1") + '<c r="B2" t="s"><v>99</v></c></row>\n'],
    )
    write(
        "hostile_far_cell.xlsx",
        ['<row r="1048576">' + inline("XFD1048576", "x") + "</row>\n"],
        dimension="A1:XFD1048576",
    )
    write(
        "hostile_wide_sheet.xlsx",
        [f'<row r="{r}">{inline(f"AMJ{r}", "x")}</row>\n' for r in range(2, 2102)],
        dimension="A1:AMJ2101",
    )
    spaces = " " * (1024 * 1024)
    write("hostile_zip_bomb.xlsx", (spaces for _ in range(256)))
    head = SHEET_HEAD.format(dimension="A1:C2")
    with zipfile.ZipFile(os.path.join(HERE, "hostile_zip_bomb_lying.xlsx"), "w") as z:
        for part, text in [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", ROOT_RELS),
            ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
            ("xl/sharedStrings.xml", SHARED),
        ]:
            z.writestr(zipfile.ZipInfo(part, STAMP), text, zipfile.ZIP_DEFLATED, 9)
        body = head + spaces * 128 + SHEET_TAIL
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", STAMP)
        z.writestr(info, body, zipfile.ZIP_DEFLATED, 9)
    lie_about_size("hostile_zip_bomb_lying.xlsx", len(body), 1000)
    print("hostile_zip_bomb_lying.xlsx: patched")


if __name__ == "__main__":
    main()
