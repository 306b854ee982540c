"""Formats in and out: the built-in cases now; tables, IATI, GeoJSON and GraphML later."""
