"""Fixes: rounds until the text settles, planning each round, the safety net, migration."""
