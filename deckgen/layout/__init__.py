"""Geometry: where every shape goes, on one grid, with text measured to fit."""
