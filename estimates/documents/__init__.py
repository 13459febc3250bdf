"""Stage 1: articles in. Exports the Document record and the readers."""

from estimates.documents.model import Document
from estimates.documents.readers import ReadOptions, read_documents

__all__ = ["Document", "ReadOptions", "read_documents"]
