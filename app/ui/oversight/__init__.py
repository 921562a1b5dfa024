"""The pages of the offices above the village: the overview (总览) with its drill-down, the
township's work bench of its own duties, supervision (督导), assessment (考核), the review
queue and possible duplicates."""
