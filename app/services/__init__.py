"""The work behind the routes, the pages and the CLI: functions of a `Store` and plain arguments that return
plain data and raise the domain errors of `app.services.errors` (never an HTTP type)."""
