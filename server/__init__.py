"""babelsearch web server (Flask): web UI and JSON search API."""
