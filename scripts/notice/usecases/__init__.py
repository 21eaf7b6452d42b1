"""What people do with a notice's record, each a use case above the site's pages:
verify a published site (``verify``: it reads the site through ``reader``, checks each
version page with ``pagecheck`` and reports what it checked with ``verified``), announce a
version before it takes effect (``announce``), find what a reader was shown on a day
(``as_of``), plan a release or a language's addition with its PDFs (``planning``), freeze
the PDFs of a version (``freeze``) and have a chain head stamped by a time-stamping
authority (``timestamping``). Withdrawing is a release's entry (``notice.record.release``)
planned and written by the command.

May import: ``notice.core``, ``notice.text``, ``notice.record``, ``notice.project``,
``notice.site``.
"""
