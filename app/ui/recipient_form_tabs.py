"""The tabs of the recipient form a caller can open it on (a small module: the work bench names
them at start-up without loading the form)."""

TAB_BASIC, TAB_HOUSEHOLD, TAB_PAIRINGS, TAB_RESPONSIBILITIES, TAB_AGREEMENTS, TAB_ASSESSMENTS = (
    "basic", "household", "pairings", "responsibilities", "agreements", "assessments")
