"""Workbooks built by hand, byte by byte, for tests of the upload reader: a real .xlsx is a zip of
XML parts, and a hostile one says whatever it likes in them (its dimension, its sizes, its rows)."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from openpyxl.utils import get_column_letter

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""  # noqa: E501
ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PACKAGE_RELS}">
<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""


def cell(column: int, row: int, value) -> str:
    """One cell: text as an inline string, a number as a number, None as nothing."""
    reference = f"{get_column_letter(column)}{row}"
    if value is None:
        return ""
    if isinstance(value, int | float):
        return f'<c r="{reference}"><v>{value}</v></c>'
    return f'<c r="{reference}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def rows_xml(table: list[list], first: int = 1) -> str:
    """The rows of a table as <row> elements, numbered from `first`."""
    return "".join(
        f'<row r="{number}">' + "".join(cell(column, number, v) for column, v in enumerate(values, start=1)) + "</row>"
        for number, values in enumerate(table, start=first)
    )


def sheet_xml(rows: str, dimension: str = "A1") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}" xmlns:r="{RELS}">'
        f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    )


def workbook_bytes(
    sheet: str,
    *,
    shared_strings: str | None = None,
    styles: str | None = None,
    workbook_properties: str = "",
    extra: dict[str, bytes | str] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """An .xlsx with one sheet whose XML is `sheet`, and the optional parts given."""
    relations = [f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>']
    parts: dict[str, bytes | str] = {"xl/worksheets/sheet1.xml": sheet}
    if shared_strings is not None:
        relations.append(f'<Relationship Id="rId2" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>')
        parts["xl/sharedStrings.xml"] = shared_strings
    if styles is not None:
        relations.append(f'<Relationship Id="rId3" Type="{RELS}/styles" Target="styles.xml"/>')
        parts["xl/styles.xml"] = styles
    workbook = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{MAIN}" xmlns:r="{RELS}">'
        f'{workbook_properties}<sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{PACKAGE_RELS}">{"".join(relations)}'
            "</Relationships>",
        )
        for name, content in {**parts, **(extra or {})}.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def table_workbook(table: list[list], *, dimension: str = "A1") -> bytes:
    """A workbook of plain rows (inline strings and numbers) claiming the given dimension."""
    return workbook_bytes(sheet_xml(rows_xml(table), dimension))


# -- lies told in the zip's own headers ------------------------------------------------------------


def _headers(data: bytearray, name: str) -> tuple[int, int]:
    """The offsets of an entry's local header and of its central directory header."""
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        local = archive.getinfo(name).header_offset
    encoded = name.encode()
    central = data.index(b"PK\x01\x02")
    while data[central + 46 : central + 46 + len(encoded)] != encoded:
        central = data.index(b"PK\x01\x02", central + 4)
    return local, central


def declare_size(data: bytearray, name: str, size: int) -> None:
    """Make the zip declare another unpacked size for one entry, in both of its headers."""
    local, central = _headers(data, name)
    data[local + 22 : local + 26] = size.to_bytes(4, "little")
    data[central + 24 : central + 28] = size.to_bytes(4, "little")


def declare_encrypted(data: bytearray, name: str) -> None:
    """Set an entry's "encrypted" flag, as a password-protected zip has it."""
    local, central = _headers(data, name)
    data[local + 6] |= 0x1
    data[central + 8] |= 0x1
