"""Run the stages over a batch of files: read -> parse -> extract, one failure never stopping the rest.

`run(paths, stage)` yields a Result per file: the output of the stage, or the InputError that stopped that file.
"""
from dataclasses import dataclass

from kg.cleaning import TERMINAL
from kg.errors import InputError
from kg.parsing import parse_report
from kg.reading import expand_paths, read_source

# What the last character of a whole bulletin can be: the end of a sentence or of a bracketed note (（共印94份）).
_ENDINGS = TERMINAL + "）)”」』》】…"


@dataclass
class Result:
    path: str
    report: object = None   # a parsing.Report
    facts: dict = None      # the extracted report dict (extract stage only)
    error: InputError = None

    @property
    def ok(self):
        return self.error is None


def check_complete(report, text):
    """Raise InputError when a bulletin was cut short: no footer (报/送/发, 共印) and the text stops mid-sentence.

    Every bulletin ends with its distribution list; a file that lacks it and stops inside a sentence is a failed
    copy or download. Loading it would store half a report as if it were whole, so it fails like any bad file.
    Either sign alone is not enough: some exports drop the footer, and a PDF may end on a page number.
    """
    footer = report.copies_printed is not None or any(report.distribution.values())
    tail = text.rstrip()
    if not footer and tail and tail[-1] not in _ENDINGS:
        last = "".join(tail[-12:].split())
        raise InputError(report.path, f"truncated: the text stops mid-sentence (…{last}) and has no "
                                      f"distribution list (报/送/发) after it")


def parse_file(path):
    source = read_source(path)
    report = parse_report(source)
    check_complete(report, source.text)
    return report


def extract_file(path):
    from kg.extraction import extract_report
    report = parse_file(path)
    return report, extract_report(report)


def run(paths, stage="extract"):
    """Yield one Result per bulletin file under `paths`, in order; a bad file gives a Result with its error."""
    for path in expand_paths(paths):
        try:
            if stage == "parse":
                yield Result(path, report=parse_file(path))
            else:
                report, facts = extract_file(path)
                yield Result(path, report=report, facts=facts)
        except InputError as e:
            yield Result(path, error=e)
        except RecursionError as e:  # pathological input must not take the batch down
            yield Result(path, error=InputError(path, f"input too deeply nested to parse ({e})"))
