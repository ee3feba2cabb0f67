"""bulletin: figures and completion percentages from Chinese progress bulletins."""
from .api import check, expand_paths, extract_file, extract_many, extract_raw, extract_text, load_targets
from .errors import BulletinError, ReadError, RuleError
from .models import Box, Document, Extraction, FileError, Flag, Record, TargetRow
from .rules import load_rules

__all__ = ["extract_file", "extract_text", "extract_raw", "extract_many", "expand_paths", "load_rules", "check",
           "load_targets", "Flag", "TargetRow",
           "Record", "Document", "FileError", "Extraction", "Box", "BulletinError", "ReadError", "RuleError"]
__version__ = "0.1.0"
