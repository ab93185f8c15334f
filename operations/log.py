"""Log filters."""

import logging


class WithoutTraceback(logging.Filter):
    """One line per record: for expected refusals (a disallowed Host header),
    where a traceback says nothing and floods the log."""

    def filter(self, record):
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True
