"""Onboarding: a discovered source aligned with the canonical raw schema, and
the dbt code that brings it in (docs/onboard.md)."""
