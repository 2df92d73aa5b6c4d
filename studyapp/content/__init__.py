"""Article loaders, passages and extraction of people, numbers and dated events (spaCy lives here)."""
