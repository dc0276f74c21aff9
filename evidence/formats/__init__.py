"""Bibliographic file formats <-> CSL-JSON items (pure).

CSL-JSON is the interchange format: every reader turns a file into CSL-JSON items
(:class:`~evidence.formats.parsed.ParsedFile`), every writer turns CSL-JSON items into a file.
``registry`` names them and sniffs a file's format. Readers: ``ris`` (every exporter's
dialect), ``wos`` (Web of Science tagged text), ``nbib`` (PubMed MEDLINE), ``bibtex`` (the only
bibtexparser importer, with ``latex`` for LaTeX <-> Unicode) and ``cslfile``. Writers:
``ris_writer``, ``nbib_writer``, ``bibtex_writer`` and ``cslfile``.
"""
