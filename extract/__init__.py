"""bulletin: figures and completion percentages from Chinese progress bulletins."""
from .api import expand_paths, extract_file, extract_many, extract_raw, extract_text
from .errors import BulletinError, ReadError, RuleError
from .models import Box, Document, Extraction, FileError, Record
from .rules import load_rules

__all__ = ["extract_file", "extract_text", "extract_raw", "extract_many", "expand_paths", "load_rules",
           "Record", "Document", "FileError", "Extraction", "Box", "BulletinError", "ReadError", "RuleError"]
__version__ = "0.1.0"
