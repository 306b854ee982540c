"""The web face: HTML pages (and later the JSON API) over the same services as the CLI."""
