"""Printing and spreadsheets: agreements (ReportLab), rosters and ledgers (openpyxl).
No Qt here (STYLE.md)."""
