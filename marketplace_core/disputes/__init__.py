"""The resolution center: cancellation requests between buyer and seller (R-DIS)."""
