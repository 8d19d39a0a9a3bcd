"""Orders: placement, the status table, deliveries, timers and notifications."""
