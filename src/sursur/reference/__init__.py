"""Reference data shipped with sursur: theme taxonomy and other offline lists."""
