"""Reading bulletin files in every format the service center's files come in, and failing clearly."""
import pytest

from bulletins import WEEKLY
from faults import write_docx, write_pdf
from kg.errors import InputError
from kg.parsing import parse_report
from kg.reading import expand_paths, read_source


@pytest.mark.parametrize("encoding, prefix", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""),
                                              ("gbk", b"")])
def test_read_source_detects_the_encoding(tmp_path, encoding, prefix):
    path = tmp_path / "b.txt"
    path.write_bytes(prefix + WEEKLY.encode(encoding))
    assert read_source(path).text == WEEKLY


def test_read_source_reads_a_pdf_text_layer(tmp_path):
    pdf = tmp_path / "b.pdf"
    write_pdf(pdf, ["2024年第15期（总第470期）", "四川省政府政务服务和公共资源交易服务中心 2024年5月20日",
                    "（5月6日—5月10日）", "一、厅（局）长进大厅",
                    "5月9日，教育厅副厅长王明到省政务服务大厅窗口调研。"], per_page=4)  # the item on page 2
    report = parse_report(read_source(pdf))
    assert (report.issue_no, report.published.isoformat()) == (15, "2024-05-20")
    assert report.items[0].text == "5月9日，教育厅副厅长王明到省政务服务大厅窗口调研。"


def test_read_source_reads_a_docx(tmp_path):
    path = tmp_path / "b.docx"
    write_docx(path, WEEKLY)
    report = parse_report(read_source(path))
    assert (report.issue_no, len(report.sections)) == (15, 4)


@pytest.mark.parametrize("name, content, problem", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n ", "empty file"),
    ("binary.txt", bytes(range(256)) * 4, "binary"),
    ("latin.txt", "caf\u00e9 ".encode("latin-1") * 3 + b"\xff\xfe\xfd", "cannot decode"),
    ("scan.pdf", None, "no text layer"),
    ("junk.pdf", b"%PDF-1.4\nthis is not really a pdf", "corrupt PDF"),
    ("junk.docx", b"PK\x03\x04 not a real zip archive", "corrupt .docx"),
])
def test_read_source_names_the_file_and_the_problem(tmp_path, name, content, problem):
    path = tmp_path / name
    if content is None:
        write_pdf(path, [])
    else:
        path.write_bytes(content)
    with pytest.raises(InputError, match=problem) as e:
        read_source(path)
    assert str(path) in str(e.value)


def test_read_source_reports_a_missing_path(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "nope.txt")


def test_expand_paths_walks_folders_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("b/2.txt", "1.pdf", "b/3.docx", "notes.md", ".hidden.txt"):
        (tmp_path / name).write_text("x")
    assert [p.replace(str(tmp_path), "") for p in expand_paths([tmp_path])] == ["/1.pdf", "/b/2.txt", "/b/3.docx"]
