"""Tips after completion (R-TIP)."""
