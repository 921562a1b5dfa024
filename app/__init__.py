"""Guanai (关爱): the care register of village welfare directors and the offices above them."""

__version__ = "0.1.0"
