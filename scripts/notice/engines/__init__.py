"""Engines: what renders a staged site into HTML. One way through a build, whatever the
number of jobs (``render``): the project is checked and staged once, each language is
rendered by MkDocs or Zensical (in a process of its own, or one after another in this
one), and the outputs are assembled by the one assembler of every route (``assembly``)
and put in place (``folders``). A part of the languages, and parts assembled (``parts``).
Warm builds: a language whose inputs did not change is taken from the previous build
(``reuse``), a page whose Markdown did not change reuses its HTML (``rendered``). Cold
builds: a paragraph already converted in its language is not converted again
(``paragraphs``), nor a template compiled for another language (``templates``). The
MkDocs plugin (``plugin``) is the adapter for ``mkdocs build`` and ``mkdocs serve``; the
sanitiser (``sanitizer``) is the Markdown extension every page goes through under
Zensical.

May import: every layer but ``notice.commands`` and ``notice.usecases``.
"""
