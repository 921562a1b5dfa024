"""The offices above the village (STYLE.md, "Where new work could go"): the overview and its
trend, the township's own duties, quarterly supervision (supervision.py), the semiannual
assessment with its period locks (assessment.py), the county's review queue and possible
duplicates (issue 13). Stands on app.care as app.sync does; no Qt."""
