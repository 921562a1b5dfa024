"""The offices above the village: quarterly supervision (supervision.py) and the semiannual
assessment with its period locks (assessment.py). Stands on app.care; no Qt."""
