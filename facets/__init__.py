"""What can be filtered and counted, per category and subcategory."""
