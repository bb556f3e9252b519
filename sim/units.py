"""Unit conversions the mechanisms share. These are definitions, not assumptions about
behaviour, so they are not inputs."""

WEEKS_PER_YEAR = 52
WEEKS_PER_MONTH = 52 / 12
