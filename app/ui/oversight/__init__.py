"""The pages of the offices above the village: the overview (总览) with its drill-down, and
the township's work bench of its own duties."""
