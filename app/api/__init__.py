"""The HTTP API: one router per resource, assembled in `app.api.router`."""
