"""Workbook fixtures for reading responses from spreadsheets (issue 16).

Made with openpyxl 3.1.5, odfpy 1.4.1 and msoffcrypto-tool (pip install openpyxl odfpy
msoffcrypto-tool); run from the repository root:

    python3 tests/data/workbooks/make_workbooks.py

The test suite reads the committed files and needs neither Python nor these packages.

  alliance.xlsx        the first 6 respondents of tests/data/alliance_en_nb.csv on sheet
                       "Svar" (ids as text, answers as numbers), with a "submitted" date column,
                       i2 of R0002 typed as the text "6" (a number stored as text), i3 of R0003
                       = 8 (out of range, sheet row 4), a blank row 6 (skipped; rows after it keep
                       their sheet numbers); a second sheet "Batch 2" with two more respondents
  alliance.ods         the same two sheets as an OpenDocument spreadsheet
  encrypted.xlsx       alliance.xlsx encrypted with the password "psym" (an OLE2 file)
  declared_huge.xlsx   alliance.xlsx whose zip directory declares the sheet unpacks to 4 GB
                       (the declared-size check refuses it before anything is unpacked)
  repeated_rows.ods    one row of 1,000 repeated values, repeated 1,000,000 times (10⁹ cells
                       once expanded, in 1 KB)
"""

import csv
import datetime
import os
import struct
import zipfile

import msoffcrypto.format.ooxml
import openpyxl
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))


def rows():
    with open(os.path.join(ROOT, "tests/data/alliance_en_nb.csv"), newline="") as f:
        table = list(csv.reader(f))
    header = table[0] + ["submitted"]
    data = []
    for k, r in enumerate(table[1:9]):
        values = [r[0], r[1]] + [int(v) for v in r[2:]]
        values.append(datetime.date(2026, 3, 1 + k))
        data.append(values)
    data[1][3] = str(data[1][3])  # i2 of R0002 as text
    data[2][4] = 8  # i3 of R0003 out of range
    first = [header] + data[:4] + [None] + data[4:6]
    second = [header] + data[6:8]
    return first, second


def xlsx(path):
    first, second = rows()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Svar"
    for r in first:
        sheet.append(r if r is not None else [])
    other = book.create_sheet("Batch 2")
    for r in second:
        other.append(r)
    for s in (sheet, other):
        for row in s.iter_rows(min_row=2):
            row[-1].number_format = "yyyy-mm-dd"
    book.properties.created = datetime.datetime(2026, 1, 1)
    book.properties.modified = datetime.datetime(2026, 1, 1)
    book.save(path)


def ods(path):
    first, second = rows()
    doc = OpenDocumentSpreadsheet()
    for name, table_rows in (("Svar", first), ("Batch 2", second)):
        table = Table(name=name)
        for r in table_rows:
            row = TableRow()
            for v in r or []:
                if isinstance(v, int):
                    cell = TableCell(valuetype="float", value=v)
                elif isinstance(v, datetime.date):
                    cell = TableCell(valuetype="date", datevalue=v.isoformat())
                else:
                    cell = TableCell(valuetype="string")
                cell.addElement(P(text=str(v)))
                row.addElement(cell)
            table.addElement(row)
        doc.spreadsheet.addElement(table)
    doc.save(path)


def encrypted(source, path):
    with open(source, "rb") as f:
        office = msoffcrypto.format.ooxml.OOXMLFile(f)
        with open(path, "wb") as out:
            office.encrypt("psym", out)


def declared_huge(source, path):
    """Copies `source`, setting the uncompressed size of the first sheet in the central
    directory (not in the local header) to 0xFFFFFFF0."""
    data = bytearray(open(source, "rb").read())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_len, = struct.unpack_from("<H", data, at + 28)
        name = bytes(data[at + 46 : at + 46 + name_len])
        if name == b"xl/worksheets/sheet1.xml":
            struct.pack_into("<I", data, at + 24, 0xFFFFFFF0)
        at = data.find(b"PK\x01\x02", at + 4)
    open(path, "wb").write(bytes(data))


def repeated_rows(path):
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:spreadsheet><table:table table:name=\"Svar\">"
        '<table:table-row table:number-rows-repeated="1000000">'
        '<table:table-cell table:number-columns-repeated="1000" office:value-type="float"'
        ' office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    stamp = (2026, 1, 1, 0, 0, 0)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype", stamp), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr(zipfile.ZipInfo("META-INF/manifest.xml", stamp), manifest, zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("content.xml", stamp), content, zipfile.ZIP_DEFLATED)


if __name__ == "__main__":
    book = os.path.join(HERE, "alliance.xlsx")
    xlsx(book)
    ods(os.path.join(HERE, "alliance.ods"))
    encrypted(book, os.path.join(HERE, "encrypted.xlsx"))
    declared_huge(book, os.path.join(HERE, "declared_huge.xlsx"))
    repeated_rows(os.path.join(HERE, "repeated_rows.ods"))
