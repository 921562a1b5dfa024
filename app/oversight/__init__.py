"""The offices above the village: the county's review queue and possible duplicates (issue 13).
Stands on app/care like app/sync does; no Qt."""
