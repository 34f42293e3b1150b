"""kg: knowledge graphs of ML-systems research from paper listings.

The stages are importable on their own; the ``kg`` command is a thin layer over them::

    from kg.readers import read_papers
    from kg.extract import Extractor
    papers = list(read_papers(["examples/listing.txt"]))
"""

__version__ = "0.1.0"
