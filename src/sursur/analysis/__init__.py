"""Every figure and class sursur shows is computed here, once, for the pages, API, CLI and reports."""
