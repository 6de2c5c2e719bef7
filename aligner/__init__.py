"""aligner: check how a bilingual news transcript renders what people said.

>>> from aligner import align, read_source
>>> report = align(read_source("seeds/voa-nk-human-rights-resolution.en.txt"))
>>> [q.speaker.name for q in report.quotes]
['Volkan Bozkir', 'Jennifer Barber', 'Kim Seong']
"""
from __future__ import annotations

__version__ = "0.1.0"

from .errors import AlignerError, InputError, ModelError, OutputError  # noqa: E402
from .pipeline import align  # noqa: E402
from .report import Flag, Quote, Report, Severity, load_report  # noqa: E402
from .settings import Settings  # noqa: E402
from .source import Source, read_source, source_from_text  # noqa: E402

__all__ = [
    "AlignerError", "Flag", "InputError", "ModelError", "OutputError", "Quote", "Report", "Settings", "Severity",
    "Source", "__version__", "align", "load_report", "read_source", "source_from_text",
]
