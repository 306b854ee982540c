"""Use cases: the one API that the CLI, the web app and the reports call. Transactions live here."""
