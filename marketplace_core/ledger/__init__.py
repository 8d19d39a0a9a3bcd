"""The money ledger: balanced transactions in integer cents (R-MON)."""
