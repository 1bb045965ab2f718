"""The workbench's own error type: a message fit to print on one line for the user."""


class WorkbenchError(Exception):
    """An error the user can act on; the CLI prints its message alone, without a traceback."""
