"""The one error tree of kg: every expected failure is a KgError with a message for people.

The command line turns a KgError into `Error: <message>` on stderr and exit status 1;
anything else is a bug and keeps its traceback.
"""


class KgError(Exception):
    """Base class of every expected failure."""


class InputError(KgError):
    """A bulletin file cannot be read or is not a bulletin."""

    def __init__(self, path, problem):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class OntologyError(KgError):
    """Code or data names a term that the ontology does not define."""


class StoreError(KgError):
    """The graph store cannot be opened, written or read."""


class QueryError(KgError):
    """A canned or ad-hoc query is unknown, malformed or not allowed."""


class ViewError(KgError):
    """A view (the graph page, a chart) cannot be made: nothing matches what was asked, or it cannot be written."""
