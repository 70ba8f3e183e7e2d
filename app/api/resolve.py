"""Kept for app/api/guarantees.py (another change is under way there): resolution lives in
`app.services.resolve`; delete this module once guarantees.py imports from there."""

from app.services.resolve import resolve_actor as resolve_actor
