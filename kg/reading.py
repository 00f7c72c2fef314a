"""Report files in: .txt (UTF-8, UTF-8 with BOM, GB18030/GBK), .pdf with a text layer, .docx; folders recursively.

`read_source(path)` returns the text of one file; `expand_paths(paths)` turns files and folders into the list of
bulletin files to read, in a stable order. Every failure is an InputError naming the file and the cause.
"""
import hashlib
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError

BULLETIN_SUFFIXES = (".txt", ".pdf", ".docx")
# Past this a file is not a bulletin (the real ones are 5-15 kB of text); reading it whole would only waste memory.
MAX_BYTES = 64 * 1024 * 1024
# A text bulletin is 5-15 kB; a text file 300 times that is a dump or a log, and parsing it would take minutes
# and fill the store with one giant report. PDF and .docx keep MAX_BYTES: their images weigh, not their text.
MAX_TEXT_BYTES = 4 * 1024 * 1024
_MB = 1024 * 1024


@dataclass(frozen=True)
class Source:
    """The text of one report file, with what provenance needs to point back at it."""
    path: str
    text: str
    sha256: str

    @property
    def name(self):
        return os.path.basename(self.path)


def expand_paths(paths):
    """Files as given, folders replaced by the bulletin files below them (sorted); missing paths kept for the error."""
    out = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(f for f in path.rglob("*")
                           if f.is_file() and f.suffix.lower() in BULLETIN_SUFFIXES and not f.name.startswith("."))
            out.extend(str(f) for f in found)
        else:
            out.append(str(path))
    return out


def decode_text(data, path):
    """Decode bytes of a text bulletin: UTF-8 (with or without BOM) first, then GB18030, which covers GBK and GB2312."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:4096]:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            try:
                return data.decode("utf-16")
            except UnicodeDecodeError:
                pass
        raise InputError(path, "binary file, not text (NUL bytes)")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as e:
            # Only the last character broken: the file was cut short (a failed copy or download), not another
            # encoding. Read as GB18030 it would give mojibake, so say what happened instead.
            if e.end == len(data) and e.reason in ("unexpected end of data", "incomplete multibyte sequence"):
                raise InputError(path, f"truncated: the file ends inside a {encoding.upper()} character "
                                       f"(byte {e.start} of {len(data)})") from None
            continue
    raise InputError(path, "text is neither UTF-8 nor GB18030/GBK; cannot decode")


def _pdf_text(path):
    try:
        import pdfplumber
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError as e:  # pragma: no cover - a dependency of the package
        raise InputError(path, f"reading PDF needs pdfplumber ({e})")
    try:
        with pdfplumber.open(path) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise InputError(path, f"corrupt PDF: {e.__class__.__name__}: {e}".rstrip(": "))
    except Exception as e:  # pdfminer raises a zoo of its own exceptions for damaged files
        raise InputError(path, f"corrupt PDF: {e.__class__.__name__}: {e}".rstrip(": "))
    text = "\n\n".join(pages)
    if not text.strip():
        raise InputError(path, "PDF has no text layer (a scan?); run OCR first")
    # A page break in a PDF becomes a blank line plus a leading space, as in the text exports the parser expects.
    return "\n\n ".join(pages)


def _docx_text(path):
    try:
        import docx
    except ImportError as e:  # pragma: no cover - a dependency of the package
        raise InputError(path, f"reading .docx needs python-docx ({e})")
    try:
        document = docx.Document(path)
    except KeyError as e:  # a zip without the parts of a Word document: str(KeyError) would add quotes
        raise InputError(path, f"corrupt .docx: {e.args[0] if e.args else e}")
    except (zipfile.BadZipFile, ValueError) as e:
        raise InputError(path, f"corrupt .docx: {e}")
    except Exception as e:  # lxml and python-docx raise several kinds for junk inside a valid zip
        raise InputError(path, f"corrupt .docx: {e.__class__.__name__}: {e}")
    return "\n\n".join(p.text for p in document.paragraphs)


def read_source(path):
    """Read one bulletin file into a Source; raise InputError on any problem."""
    p = Path(path)
    if not p.exists():
        raise InputError(path, "no such file or folder")
    if p.is_dir():
        raise InputError(path, "is a folder (pass it to a command that takes folders)")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(path, f"file is {size // _MB} MB, larger than a bulletin can be ({MAX_BYTES // _MB} MB)")
        if size > MAX_TEXT_BYTES and p.suffix.lower() not in (".pdf", ".docx"):
            raise InputError(path, f"file is {size // _MB} MB, larger than a text bulletin can be "
                                   f"({MAX_TEXT_BYTES // _MB} MB)")
        data = p.read_bytes()
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror or e}")
    if not data.strip():
        raise InputError(path, "empty file")
    digest = hashlib.sha256(data).hexdigest()
    suffix = p.suffix.lower()
    if suffix == ".pdf" or data.startswith(b"%PDF"):
        text = _pdf_text(str(p))
    elif suffix == ".docx" or (data.startswith(b"PK") and suffix != ".txt"):
        text = _docx_text(str(p))
    else:
        text = decode_text(data, str(p))
    if not text.strip():
        raise InputError(path, "no text in file")
    return Source(path=str(p), text=text, sha256=digest)
