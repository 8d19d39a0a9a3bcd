"""Double-blind reviews and private feedback (R-REV)."""
