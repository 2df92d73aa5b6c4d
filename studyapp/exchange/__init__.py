"""Question-set importers and exporters: one small interface, one module per format."""
