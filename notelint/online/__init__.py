"""Online venue verification against scholarly databases."""
