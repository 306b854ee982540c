"""Built-in cases: versioned data files shipped in the package, each record citing its source."""

from .reader import CaseData, CaseError, available_cases, read_case, read_case_text

__all__ = ["CaseData", "CaseError", "available_cases", "read_case", "read_case_text"]
