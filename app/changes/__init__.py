"""Change capture: the change log every write and merge appends to, and the per-field version
vectors (app/changes/versions.py). Below both app.care (whose writes record changes here) and
app.sync (whose export reads the log and whose merge compares the vectors), so imports run one
way: care and sync stand on it, and it stands on nothing of the app's. No Qt here."""
