"""Data package: see the README in this folder."""
