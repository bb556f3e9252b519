"""The classroom page (Mesa SolaraViz) and static animations."""
