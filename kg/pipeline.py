"""Run the stages over a batch of files: read -> parse -> extract, one failure never stopping the rest.

`run(paths, stage)` yields a Result per file: the output of the stage, or the InputError that stopped that file.
"""
from dataclasses import dataclass

from kg.errors import InputError
from kg.parsing import parse_report
from kg.reading import expand_paths, read_source


@dataclass
class Result:
    path: str
    report: object = None   # a parsing.Report
    facts: dict = None      # the extracted report dict (extract stage only)
    error: InputError = None

    @property
    def ok(self):
        return self.error is None


def parse_file(path):
    return parse_report(read_source(path))


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
