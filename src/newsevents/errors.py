"""The one exception a step raises when a document cannot be analysed.

The pipeline turns it into an `Analysis` with `error` set; the batch goes on.
"""

from __future__ import annotations

from newsevents.records import DocumentError


class DocumentFailure(Exception):
    """A document-level failure with a stable `code` (e.g. ``not_utf8``) and a message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message

    def as_error(self) -> DocumentError:
        return DocumentError(self.code, self.message)


def too_large_message(what: str, size: int, limit: int) -> str:
    """The one wording of a size-limit failure, wherever the size is found out."""
    return f"{what} is {size:,} bytes; the limit (max_document_bytes) is {limit:,}"
