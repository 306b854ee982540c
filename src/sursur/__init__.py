"""sursur: the open observatory of decentralized South–South cooperation."""

__version__ = "0.1.0"
