"""The workbench's own error types: a message fit to print on one line for the user."""


class WorkbenchError(Exception):
    """An error the user can act on; the CLI prints its message alone, without a traceback."""


class ReviewError(WorkbenchError):
    """A review action that cannot be taken (unknown claim, missing reviewer, bad value).

    Here rather than with the review rules because the store raises it too, for a claim or a sentence
    that is not there."""
