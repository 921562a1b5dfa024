"""Pages of the offices above the village (STYLE.md): the review queue, possible duplicates."""
