"""Files a user uploads before referring to them (quote attachments)."""
