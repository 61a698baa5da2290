"""Learned models trained on public data, stored as plain JSON and explained feature by feature."""
