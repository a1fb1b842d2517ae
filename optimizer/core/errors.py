"""The error every reader raises for bad input: one or more messages, each naming its sheet,
cell and value; the command line turns it into exit 2 with nothing written."""

from __future__ import annotations


class InputErrors(Exception):
    """One or more problems in the input; nothing may be written."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


class FileErrors(InputErrors):
    """A file that cannot be read or written as it stands: an output open in Excel, busy with
    another run or in a folder that is not there, an input that is Excel's lock file or locked by
    another program. Exit 2 like bad input (nothing written), but said as what it is, not counted
    as errors in the input."""
