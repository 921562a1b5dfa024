"""Pages of the offices above the village: supervision (督导) and assessment (考核)."""
