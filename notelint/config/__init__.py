"""Configuration: the files it lives in, the settings model, and checks of what they name."""
