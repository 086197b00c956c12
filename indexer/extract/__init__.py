"""Stage 1, extract: corpus files -> Documents.

``corpus_walk`` decides which entries of the corpus folder are read (hidden
entries, symlinks, FIFOs and devices, file names as ids); ``sources`` lists
the corpus and reads each file into a ``RawFile`` (bytes,
decoded text, path); ``text`` runs the plain-text cascade (with the named
boilerplate ``signals``) and ``html`` the HTML one (``html_cleanup``,
``html_metadata``, ``html_paragraphs``). Both end in one ``Document``.
"""
