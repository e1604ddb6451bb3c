"""Trained models and evaluation against labels."""
