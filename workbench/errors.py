"""The workbench's own error types: a message fit to print on one line for the user."""
from __future__ import annotations

#: What a user can change to get past an error, named in the library's terms; each face (CLI, UI) says
#: how in its own: the CLI names its option, the UI what to do on the page. ``profile``: a key of the
#: publisher profile that ClaimReview needs is not set (the message names it). ``account``: no account has the
#: name given (the accounts are listed where they are managed).
TEXT_FIELD, ENCODING, DATABASE, DAMAGED, PROFILE = "text_field", "encoding", "database", "damaged", "profile"
ACCOUNT = "account"


class WorkbenchError(Exception):
    """An error the user can act on; the CLI prints its message alone, without a traceback, followed by
    its hint for ``remedy`` (one of the names above) when there is one."""

    def __init__(self, message: str, remedy: str | None = None):
        super().__init__(message)
        self.remedy = remedy


class ReviewError(WorkbenchError):
    """A review action that cannot be taken (unknown claim, missing reviewer, bad value).

    Here rather than with the review rules because the store raises it too, for a claim or a sentence
    that is not there."""
