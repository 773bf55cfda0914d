"""What each role may see, and the commissioner's aggregates: small-number suppression and
pseudonyms, so nothing a commissioner sees singles a person out."""
